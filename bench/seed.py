#!/usr/bin/env python3
"""Fills a running coursedist with N published distributions through the admin API.

usage: seed.py BASE_URL TOKEN COUNT  -> prints the id and slug of the first one
"""
import http.client
import json
import sys
import urllib.parse


def main() -> None:
    base, token, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
    url = urllib.parse.urlparse(base)
    conn = http.client.HTTPConnection(url.hostname, url.port)
    headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}
    first = None
    for i in range(count):
        body = {
            "course_id": f"bench_{i}",
            "language": "de" if i % 2 else "en",
            "title": f"Benchmark course number {i} about money",
            "description": "A benchmark course with a description long enough to be valid, "
            "and a few more words for realism.",
            "target_group": ["students", "parents"] if i % 3 else ["engineers"],
        }
        conn.request("POST", "/api/distributions/create", json.dumps(body), headers)
        created = json.loads(conn.getresponse().read())
        conn.request("POST", f"/api/distributions/{created['distribution_id']}/publish", "", headers)
        conn.getresponse().read()
        if first is None:
            first = created
    print(first["distribution_id"], first["slug"])


if __name__ == "__main__":
    main()
