"""The ceiling: a bare FastAPI endpoint served by the same uvicorn setup as Botschaft."""

from fastapi import FastAPI

app = FastAPI()


@app.get("/hello")
def hello() -> dict[str, str]:
    return {"hello": "world"}
