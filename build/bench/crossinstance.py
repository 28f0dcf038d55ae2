#!/usr/bin/env python3
"""Cross-instance visibility of the Miniatures type list (build/bench/list.sh).

Two hosts on one database. For each sample: read the list on host A, move one miniature through host B, then poll
A's list (its first page, which holds the type) over one keep-alive connection until it shows the move. Prints one line: BENCH samples=.. p50_ms=.. p99_ms=.. max_ms=.. (time from B's answer to A's list
showing the move). Arguments: base_a base_b token type_id samples.
"""
import http.client
import json
import sys
import time
import urllib.parse

base_a, base_b, token, type_id, samples = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4], int(sys.argv[5])
headers = {"Authorization": "Bearer " + token, "Accept": "application/json"}


def connect(base):
    url = urllib.parse.urlparse(base)
    return http.client.HTTPConnection(url.hostname, url.port, timeout=30)


def in_box(connection):
    connection.request("GET", "/api/v1/miniatures/types", headers=headers)
    response = connection.getresponse()
    body = response.read()
    if response.status != 200:
        raise SystemExit(f"list answered {response.status}: {body[:300]!r}")
    # Only the one type matters: find it in the raw bytes instead of parsing the page per poll.
    at = body.index(type_id.encode())
    counts = body.index(b'"IN_BOX":', at) + len(b'"IN_BOX":')
    end = counts
    while body[end:end + 1].isdigit():
        end += 1
    return int(body[counts:end])


a, b = connect(base_a), connect(base_b)
delays = []
for _ in range(samples):
    before = in_box(a)
    b.request("POST", f"/api/v1/miniatures/types/{type_id}/move",
              body=json.dumps({"fromStage": "IN_BOX", "toStage": "BUILDING", "qty": 1}),
              headers={**headers, "Content-Type": "application/json"})
    response = b.getresponse()
    response.read()
    if response.status != 200:
        raise SystemExit(f"move answered {response.status}")
    moved_at = time.perf_counter()
    deadline = moved_at + 10
    while in_box(a) != before - 1:
        if time.perf_counter() > deadline:
            raise SystemExit("host A did not show the move within 10 s")
    delays.append((time.perf_counter() - moved_at) * 1000)
    time.sleep(0.05)

delays.sort()
pick = lambda q: delays[min(len(delays) - 1, int(round(q * (len(delays) - 1))))]
print(f"BENCH samples={len(delays)} p50_ms={pick(0.5):.1f} p99_ms={pick(0.99):.1f} max_ms={delays[-1]:.1f}")
