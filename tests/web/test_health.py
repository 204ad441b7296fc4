"""/healthz says the process is up; /readyz says whether the database and limiter storage answer."""


def test_healthz_answers_while_the_process_is_up(client):
    r = client.get("/healthz")
    assert (r.status_code, r.get_json()) == (200, {"status": "ok"})


def test_readyz_is_ok_when_database_and_limiter_storage_answer(client):
    r = client.get("/readyz")
    assert r.status_code == 200
    assert r.get_json()["checks"] == {"database": True, "limiter_storage": True}


def test_readyz_is_a_json_503_without_the_database(make_app, tmp_path):
    app = make_app(SQLALCHEMY_DATABASE_URI=f"sqlite:///{tmp_path}/missing-dir/nothing.db")
    r = app.test_client().get("/readyz")
    assert r.status_code == 503
    assert r.get_json()["checks"]["database"] is False
    assert r.headers["Cache-Control"] == "no-store"
