"""The teacher area: one screen per task (records, building sets, class results, learners,
classroom), gathered as tabs of one "Teacher" entry of the main window."""
