"""Layers as a function sees them (runtime.md fact 22, test plan 9): extracted in list order, later
layers over earlier ones; bin/ on PATH, python/ on PYTHONPATH, a layer's bootstrap as /opt/bootstrap."""

import json

from control_helpers import make_zip
from invoke_helpers import create, invoke_json, probe_zip
from lemu_fixture import LemuTestCase

PY_HANDLER = """import os
import layermod


def handler(event, context):
    return {"value": layermod.VALUE, "only_a": __import__("only_a").VALUE, "file": layermod.__file__,
            "path": os.environ["PATH"]}
"""


def layer_zip(tag, extra=None):
    files = {"bin/lemu-tool": f"#!/bin/sh\necho tool from layer {tag}\n",
             "python/layermod.py": f'VALUE = "{tag}"\n'}
    files.update(extra or {})
    return make_zip(files, {"bin/lemu-tool": 0o100755})


class LayerInvokeTest(LemuTestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.client = cls.lemu.client("lambda")
        cls.a = cls.client.publish_layer_version(
            LayerName="layer-a", Content={"ZipFile": layer_zip("A", {"python/only_a.py": 'VALUE = "only in A"\n'})}
        )["LayerVersionArn"]
        cls.b = cls.client.publish_layer_version(LayerName="layer-b", Content={"ZipFile": layer_zip("B")})[
            "LayerVersionArn"]

    def test_later_layer_wins_for_a_custom_runtime(self):
        create(self.client, "layered-sh", Layers=[self.a, self.b])
        response = self.client.invoke(FunctionName="layered-sh",
                                      Payload=json.dumps({"action": "tool", "name": "lemu-tool"}))
        self.assertNotIn("FunctionError", response)
        self.assertEqual(response["Payload"].read(), b"tool from layer B\n")

        create(self.client, "layered-sh-ba", Layers=[self.b, self.a])
        response = self.client.invoke(FunctionName="layered-sh-ba",
                                      Payload=json.dumps({"action": "tool", "name": "lemu-tool"}))
        self.assertEqual(response["Payload"].read(), b"tool from layer A\n")

    def test_exec_wrapper_from_a_layer(self):
        # The wrapper a layer ships, as AWS documents it: adjust the environment, then exec the runtime.
        wrapper = make_zip({"wrap": '#!/bin/sh\nexport WRAPPED="by $(basename "$0") around $(basename "$1")"\n'
                                    'exec "$@"\n'}, {"wrap": 0o100755})
        layer = self.client.publish_layer_version(LayerName="wrapper", Content={"ZipFile": wrapper})["LayerVersionArn"]
        handler = 'import os\n\ndef handler(event, context):\n    return os.environ.get("WRAPPED")\n'
        create(self.client, "wrapped-py", make_zip({"app.py": handler}), runtime="python3.12", handler="app.handler",
               Layers=[layer], Environment={"Variables": {"AWS_LAMBDA_EXEC_WRAPPER": "/opt/wrap"}})
        response, body = invoke_json(self.client, "wrapped-py", {})
        self.assertNotIn("FunctionError", response, body)
        self.assertTrue(body.startswith("by wrap around python3"), body)

        create(self.client, "unwrapped-py", make_zip({"app.py": handler}), runtime="python3.12",
               handler="app.handler", Environment={"Variables": {"AWS_LAMBDA_EXEC_WRAPPER": "/opt/missing"}})
        response, error = invoke_json(self.client, "unwrapped-py", {})
        self.assertEqual(response["FunctionError"], "Unhandled")
        self.assertEqual(error["errorType"], "Runtime.ExitError")
        self.assertIn("exit status 127", error["errorMessage"])

    def test_python_layers_on_the_path(self):
        create(self.client, "layered-py", make_zip({"app.py": PY_HANDLER}), runtime="python3.12",
               handler="app.handler", Layers=[self.a, self.b])
        response, body = invoke_json(self.client, "layered-py", {})
        self.assertNotIn("FunctionError", response, body)
        self.assertEqual(body["value"], "B")
        self.assertEqual(body["only_a"], "only in A")
        self.assertTrue(body["path"].split(":")[-1].endswith("/bin"), body["path"])

    def test_a_version_keeps_its_layers(self):
        create(self.client, "layered-v", Layers=[self.a])
        self.client.publish_version(FunctionName="layered-v")
        self.client.update_function_configuration(FunctionName="layered-v", Layers=[self.b])
        self.client.get_function_configuration(FunctionName="layered-v")
        tool = json.dumps({"action": "tool", "name": "lemu-tool"})
        self.assertEqual(self.client.invoke(FunctionName="layered-v", Qualifier="1", Payload=tool)["Payload"].read(),
                         b"tool from layer A\n")
        self.assertEqual(self.client.invoke(FunctionName="layered-v", Payload=tool)["Payload"].read(),
                         b"tool from layer B\n")

    def test_bootstrap_from_a_layer(self):
        runtime_layer = self.client.publish_layer_version(
            LayerName="runtime", Content={"ZipFile": probe_zip()})["LayerVersionArn"]
        create(self.client, "opt-bootstrap", make_zip({"README": "code without a bootstrap\n"}),
               Layers=[runtime_layer])
        response, body = invoke_json(self.client, "opt-bootstrap", {"action": "whoami"})
        self.assertNotIn("FunctionError", response, body)
        self.assertEqual(body["version"], "$LATEST")


if __name__ == "__main__":
    import unittest
    unittest.main()
