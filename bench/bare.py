"""The baseline: a bare Flask app answering a fixed string, served with the same gunicorn settings as civic."""
from flask import Flask

app = Flask(__name__)


@app.get("/")
def index():
    return "ok"
