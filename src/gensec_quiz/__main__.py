from gensec_quiz.launch import main

raise SystemExit(main())
