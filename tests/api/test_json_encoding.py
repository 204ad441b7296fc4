"""API JSON carries Vietnamese as UTF-8 text, not \\u escapes, so logs and curl stay readable."""


def test_error_messages_are_utf8_not_escaped(client):
    response = client.post("/api/v1/articles/a-1/comments", json={"author": "", "body": ""})
    raw = response.get_data()
    assert "Vui lòng nhập họ tên.".encode() in raw
    assert b"\\u" not in raw
