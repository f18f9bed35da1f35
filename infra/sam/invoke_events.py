#!/usr/bin/env python3
"""Invokes each event under events/ (and this folder's story events) as a SAM CLI user would, and checks the answer.

For every event: `sam local invoke <Function> -e <event> --env-vars events/env.json` (SAM resolves the function's
environment and records the invoke), then `run-handler` runs that recorded invoke's handler on a local JDK
against the local DynamoDB engine given as the first argument. Events run in a story order and the article's id,
ETag and slug are carried from answer to event: a published article is created, fetched (200, then 304 with its
ETag), listed, fetched by slug, edited (and 412 from a stale ETag) and deleted; then a draft (infra/sam/events:
create-draft.json) is previewed, listed in the preview, published with the preview's ETag, fetched by slug, renamed
and fetched by its former slug (301). Every event file needs an expected status below: a new event without one
fails the check.

usage: invoke_events.py SAM RUN_HANDLER DYNAMODB_ENDPOINT
"""
import json
import pathlib
import subprocess
import sys
import tempfile

from cfnlint.decode import decode

# Event file (under events/, or STORY_EVENTS for those only this story needs) -> the statuses it may answer, in the
# order the story runs them.
EXPECTED = {
    "create-article.json": {201},
    "create-article-idempotent.json": {201},
    "get-article.json": {200},
    "get-article-not-modified.json": {304},
    "list-articles.json": {200},
    "list-articles-by-author.json": {200},
    "get-changes.json": {200},
    # The template's default has Search=disabled: the route answers 501 (Problem Details saying how to turn it on).
    "search-articles.json": {501},
    "get-article-by-slug.json": {200},
    "edit-article.json": {200},
    "edit-article-stale.json": {412},
    "delete-article.json": {204},
    "create-draft.json": {201},
    "preview-article.json": {200},
    "preview-articles.json": {200},
    "publish-article.json": {200},
    "get-article-by-slug.json#published": {200},
    "rename-article.json": {200},
    "get-article-by-former-slug.json": {301},
    "route-not-found.json": {404, 405},
    # A timer tick for the indexer, which only a stack with Search=enabled has: skipped under the defaults.
    "index-articles.json": set(),
    # The indexer's reindex from scratch (README: one command), likewise skipped under the defaults.
    "reindex-articles.json": set(),
}
STORY_EVENTS = "infra/sam/events"
# Events no route picks (not an HTTP API event): the function each one is for.
EVENT_FUNCTIONS = {"index-articles.json": "IndexArticlesFunction", "reindex-articles.json": "IndexArticlesFunction"}


def functions_by_route(template_path):
    """Each route key's function, and the functions that have a Condition (not in the stack the defaults make)."""
    template, matches = decode(str(template_path))
    if matches:
        sys.exit(f"error: {template_path} does not parse: {matches}")
    routes, conditional = {}, set()
    for logical_id, resource in template["Resources"].items():
        if resource.get("Type") != "AWS::Serverless::Function":
            continue
        if "Condition" in resource:
            conditional.add(logical_id)
        for event in resource.get("Properties", {}).get("Events", {}).values():
            if event.get("Type") == "HttpApi":
                props = event["Properties"]
                key = "$default" if props["Path"] == "$default" else f'{props["Method"].upper()} {props["Path"]}'
                routes[key] = logical_id
    return routes, conditional


def carried(event, state):
    """The event with the story's article id, slug and ETags put where the event names an id, a slug or an ETag."""
    event = json.loads(json.dumps(event))
    headers = event.setdefault("headers", {})
    parameters = event.get("pathParameters") or {}
    if "id" in parameters and "id" in state:
        parameters["id"] = state["id"]
    if "slug" in parameters and "slug" in state:
        # A by-former-slug event asks for the slug the article had before its rename (if a rename changed it).
        parameters["slug"] = state.get("former_slug", state["slug"]) if "former" in event.get("_story", "") else state["slug"]
    if parameters and event.get("routeKey", "$default") != "$default":
        path = event["routeKey"].split(" ", 1)[1]
        for name, value in parameters.items():
            path = path.replace("{" + name + "}", value)
        event["rawPath"] = event["requestContext"]["http"]["path"] = path
    if "if-none-match" in headers and "etag" in state:
        headers["if-none-match"] = state["etag"]
    if "if-match" in headers and headers["if-match"] != "*":
        # A stale edit names the first version's ETag; every other write names the current one.
        headers["if-match"] = state["first_etag"] if "stale" in event.get("_story", "") else state["etag"]
    return event


def main():
    sam, run_handler, endpoint = sys.argv[1:4]
    root = pathlib.Path(__file__).resolve().parents[2]
    routes, conditional = functions_by_route(root / "template.yaml")
    events = {p.name: p for folder in ("events", STORY_EVENTS) for p in (root / folder).glob("*.json") if p.name != "env.json"}
    unknown = [e for e in sorted(events) if e not in EXPECTED]
    missing = [e for e in EXPECTED if e.split("#")[0] not in events]
    if unknown or missing:
        sys.exit(f"error: no expected status for {unknown}, no event file for {missing}: see EXPECTED in {__file__}")
    state, failures = {}, 0
    for name in EXPECTED:
        event = json.loads(events[name.split("#")[0]].read_text())
        event["_story"] = name
        event = carried(event, state)
        del event["_story"]
        function = EVENT_FUNCTIONS.get(name) or routes.get(event.get("routeKey"), routes["$default"])
        if function in conditional:
            print(f"skip {name} -> {function}: not in the stack the template's defaults make (its Condition)")
            continue
        with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as sent:
            json.dump(event, sent)
        subprocess.run([sam, "local", "invoke", function, "-e", sent.name, "--env-vars", "events/env.json"],
                       cwd=root, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
        done = subprocess.run([run_handler, "-f", function, "--env", f"DYNAMODB_ENDPOINT={endpoint}"],
                              cwd=root, capture_output=True, text=True, check=False)
        pathlib.Path(sent.name).unlink()
        try:
            answer = json.loads(done.stdout)
            status = answer["statusCode"]
        except (ValueError, KeyError):
            print(f"FAIL {name} -> {function}: no response (exit {done.returncode})\n{done.stderr[-2000:]}")
            failures += 1
            continue
        ok = status in EXPECTED[name]
        print(f'{"ok  " if ok else "FAIL"} {name} -> {function} -> HTTP {status} (expected {sorted(EXPECTED[name])})')
        failures += 0 if ok else 1
        headers = {k.lower(): v for k, v in (answer.get("headers") or {}).items()}
        if status in (200, 201) and "etag" in headers:
            state["etag"] = headers["etag"]
        if status == 201:
            state.update(id=json.loads(answer["body"])["id"], first_etag=headers.get("etag"))
        if status in (200, 201) and headers.get("etag"):
            slug = json.loads(answer["body"]).get("slug")
            if state.get("slug") not in (None, slug) and status == 200:
                state["former_slug"] = state["slug"]
            state["slug"] = slug
        if status == 301:
            expected = f'/articles/by-slug/{state["slug"]}'
            if headers.get("location") != expected:
                print(f'FAIL {name}: Location {headers.get("location")}, expected {expected}')
                failures += 1
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
