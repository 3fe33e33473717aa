from gensec_quiz.cli import main

raise SystemExit(main())
