"""--state-dir: control-plane state survives SIGKILL and a restart; a kill -9 mid-burst still loads."""

import json
import shutil
import signal
import tempfile
import threading
import unittest
import urllib.request

from control_helpers import ARN, create_function, make_zip, publish
from lemu_fixture import Lemu

LAYER = "arn:aws:lambda:us-east-1:000000000000:layer:"


class PersistenceTest(unittest.TestCase):
    def setUp(self):
        self.state_dir = tempfile.mkdtemp(prefix="lemu-state-")
        self.instances = []

    def tearDown(self):
        for lemu in self.instances:
            lemu.stop()
        shutil.rmtree(self.state_dir, ignore_errors=True)

    def start(self):
        lemu = Lemu(state_dir=self.state_dir)
        self.instances.append(lemu)
        return lemu, lemu.client("lambda")

    def test_everything_survives_sigkill(self):
        lemu, client = self.start()
        zip_bytes = make_zip({"bootstrap": "#!/bin/sh\necho persisted\n"}, {"bootstrap": 0o100755})
        layer = client.publish_layer_version(LayerName="deps", Content={"ZipFile": make_zip({"lib/x": "x"})})
        create_function(client, "keep", zip_bytes, Layers=[layer["LayerVersionArn"]], Tags={"team": "a"},
                        Environment={"Variables": {"MODE": "persisted"}})
        publish(client, "keep", "one")
        publish(client, "keep", "two")
        client.delete_function(FunctionName="keep", Qualifier="1")
        client.create_alias(FunctionName="keep", Name="live", FunctionVersion="2")
        client.update_function_configuration(FunctionName="keep", Description="three")
        client.publish_version(FunctionName="keep")
        client.update_alias(FunctionName="keep", Name="live", RoutingConfig={"AdditionalVersionWeights": {"3": 0.3}})
        client.add_permission(FunctionName="keep", Qualifier="live", StatementId="s3",
                              Action="lambda:InvokeFunction", Principal="s3.amazonaws.com",
                              SourceArn="arn:aws:s3:::bucket")
        client.put_function_concurrency(FunctionName="keep", ReservedConcurrentExecutions=4)
        client.put_function_event_invoke_config(FunctionName="keep", Qualifier="2", MaximumRetryAttempts=1)
        before = {
            "latest": client.get_function_configuration(FunctionName="keep"),
            "alias": client.get_alias(FunctionName="keep", Name="live"),
            "policy": client.get_policy(FunctionName="keep", Qualifier="live"),
            "versions": client.list_versions_by_function(FunctionName="keep")["Versions"],
        }
        for value in before.values():
            if isinstance(value, dict):
                value.pop("ResponseMetadata", None)
        self.assertEqual(lemu.kill(signal.SIGKILL), -signal.SIGKILL)

        lemu, client = self.start()
        latest = client.get_function_configuration(FunctionName="keep")
        latest.pop("ResponseMetadata")
        self.assertEqual(latest, before["latest"])
        alias = client.get_alias(FunctionName="keep", Name="live")
        alias.pop("ResponseMetadata")
        self.assertEqual(alias, before["alias"])
        policy = client.get_policy(FunctionName="keep", Qualifier="live")
        policy.pop("ResponseMetadata")
        self.assertEqual(policy, before["policy"])
        self.assertEqual(client.list_versions_by_function(FunctionName="keep")["Versions"], before["versions"])
        self.assertEqual([v["Version"] for v in before["versions"]], ["$LATEST", "2", "3"])
        with urllib.request.urlopen(client.get_function(FunctionName="keep")["Code"]["Location"], timeout=10) as r:
            self.assertEqual(r.read(), zip_bytes)
        self.assertEqual(client.get_function_concurrency(FunctionName="keep")["ReservedConcurrentExecutions"], 4)
        self.assertEqual(client.list_tags(Resource=ARN + "keep")["Tags"], {"team": "a"})
        self.assertEqual(client.get_function_event_invoke_config(FunctionName="keep", Qualifier="2")
                         ["MaximumRetryAttempts"], 1)
        self.assertEqual(client.get_layer_version(LayerName="deps", VersionNumber=1)["LayerVersionArn"],
                         LAYER + "deps:1")
        self.assertEqual(client.get_function_configuration(FunctionName="keep", Qualifier="2")["Description"], "two")
        # Numbers are never reused, across restarts too.
        self.assertEqual(publish(client, "keep", "four")["Version"], "4")
        self.assertEqual(client.publish_layer_version(LayerName="deps", Content={"ZipFile": make_zip()})["Version"], 2)

    def test_kill_9_during_a_burst_of_writes_still_loads(self):
        lemu, client = self.start()
        acknowledged = []
        killed = threading.Event()
        enough = threading.Event()
        errors = []

        def burst(worker):
            burst_client = lemu.client("lambda")
            i = 0
            while not killed.is_set():
                name = f"burst-{worker}-{i}"
                try:
                    create_function(burst_client, name, make_zip({"f": name}))
                    burst_client.publish_version(FunctionName=name)
                    burst_client.create_alias(FunctionName=name, Name="live", FunctionVersion="1")
                except Exception as error:  # after the kill: the server went away mid-request
                    if not killed.is_set():
                        errors.append(error)
                    return
                acknowledged.append(name)
                if len(acknowledged) >= 30:
                    enough.set()
                i += 1

        workers = [threading.Thread(target=burst, args=(w,)) for w in range(3)]
        for worker in workers:
            worker.start()
        self.assertTrue(enough.wait(timeout=120), errors)
        done_before_kill = list(acknowledged)
        killed.set()
        lemu.kill(signal.SIGKILL)
        for worker in workers:
            worker.join(timeout=60)
        self.assertEqual(errors, [])

        lemu, client = self.start()
        names = set()
        for page in client.get_paginator("list_functions").paginate():
            names |= {f["FunctionName"] for f in page["Functions"]}
        for name in done_before_kill:
            self.assertIn(name, names)
            self.assertEqual(client.get_alias(FunctionName=name, Name="live")["FunctionVersion"], "1")
        with open(f"{self.state_dir}/state.json") as f:
            self.assertEqual(json.load(f)["format"], 1)


if __name__ == "__main__":
    unittest.main()
