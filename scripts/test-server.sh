#!/usr/bin/env bash
# `make test-server`: the store's tests against a real PostgreSQL on 127.0.0.1.
# As root on Debian it installs the `postgresql` package when missing, starts the cluster and
# makes a test role and database (idempotent); otherwise it uses GENSEC_QUIZ_TEST_DATABASE_URL.
set -euo pipefail
cd "$(dirname "$0")/.."
URL=${GENSEC_QUIZ_TEST_DATABASE_URL:-postgresql+psycopg://gensec_test:gensec_test@127.0.0.1:5432/gensec_test}

if [ -z "${GENSEC_QUIZ_TEST_DATABASE_URL:-}" ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "make test-server needs root (to install and start PostgreSQL) or"
    echo "GENSEC_QUIZ_TEST_DATABASE_URL=postgresql+psycopg://USER:PASSWORD@127.0.0.1/DB (a database it may empty)."
    exit 1
  fi
  if ! command -v pg_ctlcluster >/dev/null 2>&1 || [ -z "$(ls /usr/lib/postgresql 2>/dev/null)" ]; then
    echo "Installing PostgreSQL (Debian's postgresql package) for the server tests."
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >/dev/null
    apt-get install -y -qq --no-install-recommends postgresql >/dev/null
  fi
  version=$(ls /usr/lib/postgresql | sort -n | tail -1)
  pg_lsclusters -h | grep -q "^$version main" || pg_createcluster "$version" main >/dev/null
  # Loopback only: the tests never need the server to be reachable from elsewhere. The setting
  # goes in conf.d (pg_conftool writes 127.0.0.1 unquoted, which PostgreSQL refuses to parse);
  # an active listen_addresses line in postgresql.conf, ours from an older run, is removed.
  pg_conftool "$version" main remove listen_addresses >/dev/null 2>&1 || true
  mkdir -p "/etc/postgresql/$version/main/conf.d"
  echo "listen_addresses = '127.0.0.1'" >"/etc/postgresql/$version/main/conf.d/gensec-test.conf"
  if ! pg_lsclusters -h | grep -q "^$version main .* online"; then
    if ! pg_ctlcluster "$version" main start; then
      echo "PostgreSQL $version did not start; the end of its log:"
      tail -20 "/var/log/postgresql/postgresql-$version-main.log" || true
      exit 1
    fi
  fi
  for _ in $(seq 1 30); do
    su postgres -c "psql -qAtc 'SELECT 1'" >/dev/null 2>&1 && break
    sleep 1
  done
  su postgres -c "psql -qAt" >/dev/null <<'SQL'
DO $$BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'gensec_test') THEN
    CREATE ROLE gensec_test LOGIN PASSWORD 'gensec_test';
  END IF;
END$$;
SQL
  su postgres -c "psql -qAtc \"SELECT 1 FROM pg_database WHERE datname = 'gensec_test'\"" | grep -q 1 ||
    su postgres -c "createdb -O gensec_test gensec_test"
  # The tests empty the database's public schema before each test: it must be the role's.
  su postgres -c "psql -qAt -d gensec_test -c 'ALTER SCHEMA public OWNER TO gensec_test'" >/dev/null
fi

export GENSEC_QUIZ_TEST_DATABASE_URL=$URL QT_QPA_PLATFORM=offscreen
echo "Store tests on $(echo "$URL" | sed 's#//[^@]*@#//#')"
# Every test file whose tests take the shared `store` fixture (conftest.py opens it on the
# server here) or open the server themselves. A test about the SQLite file itself is skipped
# here with its reason (`-ra` lists them). Left out, being about the SQLite file only:
# test_storage_{backups,bounds,crash,damage,engine,hardening,instance,migrations,quick_read,
# read_only,totals,export,cli}.py (file format, PRAGMAs, locks, damage, upgrades of old files,
# retention of file backups; the running totals are read on the server by test_storage_stats
# and the class results tests). The crash test (kill -9 of a writer) and the 30-writer test on the
# server are in test_server_store.py, both asserting that nothing acknowledged is lost.
TESTS=(
  tests/test_server_*.py
  tests/test_storage_store.py tests/test_storage_stats.py
  tests/test_review_storage.py tests/test_review_learner_days.py tests/test_review_topics.py
  tests/test_fact_scores.py tests/test_outbox.py
  tests/test_application_exams.py tests/test_application_exam_navigation.py
  tests/test_application_library.py tests/test_application_quiz_run.py
  tests/test_application_history.py
  tests/test_ui_extras_settings.py tests/test_ui_extras_progress.py tests/test_ui_exams.py
  tests/test_ui_review_home.py tests/test_ui_review_timeline.py
  tests/test_ui_teacher_results.py tests/test_ui_teacher_learners.py
)
exec .venv/bin/pytest -q -ra "${TESTS[@]}" "$@"
