"""One measurement of the official Python SDK (tencentcloud-sdk-python) against the neutral mock.

Started by the side-by-side driver:
    python python_client.py PORT IN_FLIGHT SECONDS MAX_CALLS WARMUP EXPECT
Prints one JSON line: {"calls": N, "wall_s": W, "cpu_s": C, "errors": E}.
Several in flight are that many threads, each with its own client (the SDK is synchronous).
"""
import json
import sys
import threading
import time

from tencentcloud.common import credential
from tencentcloud.common.profile.client_profile import ClientProfile
from tencentcloud.common.profile.http_profile import HttpProfile
from tencentcloud.lighthouse.v20200324 import lighthouse_client, models

port, in_flight, seconds, max_calls, warmup, expect = sys.argv[1:7]
in_flight, max_calls, warmup, expect = int(in_flight), int(max_calls), int(warmup), int(expect)
seconds = float(seconds)


def new_client():
    http_profile = HttpProfile(endpoint=f"127.0.0.1:{port}", protocol="http", keepAlive=True)
    cred = credential.Credential("AKIDEXAMPLE", "SecretKeyExample")
    return lighthouse_client.LighthouseClient(cred, "ap-guangzhou", ClientProfile(httpProfile=http_profile))


def call(client):
    request = models.DescribeInstancesRequest()
    request.from_json_string('{"Limit":100}')
    response = client.DescribeInstances(request)
    if len(response.InstanceSet or []) != expect:
        raise RuntimeError(f"expected {expect} instances")


clients = [new_client() for _ in range(in_flight)]
for _ in range(warmup):
    call(clients[0])

lock = threading.Lock()
counts = {"calls": 0, "errors": 0}
start_cpu = time.process_time()
start = time.perf_counter()
deadline = start + seconds


def loop(client):
    while time.perf_counter() < deadline:
        with lock:
            if counts["calls"] + counts["errors"] >= max_calls:
                return
        try:
            call(client)
            outcome = "calls"
        except Exception:  # counted, the driver reports it
            outcome = "errors"
        with lock:
            counts[outcome] += 1


threads = [threading.Thread(target=loop, args=(c,)) for c in clients]
for t in threads:
    t.start()
for t in threads:
    t.join()
wall = time.perf_counter() - start
cpu = time.process_time() - start_cpu
print(json.dumps({"calls": counts["calls"], "wall_s": wall, "cpu_s": cpu, "errors": counts["errors"]}))
