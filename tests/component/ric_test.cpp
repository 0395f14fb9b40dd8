// AWS's own Node.js runtime interface client (aws-lambda-ric from npm, with its native
// aws-lambda-cpp/curl client) runs unmodified as a provided.al2023 bootstrap against lemu's Runtime API.
// Hidden from the default run: ctest runs it after `npm ci` has installed tests/fixtures/functions/node-ric.

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <cstdlib>

#include "emulator/core/text.hpp"
#include "tests/component/harness.hpp"

using namespace lemu;
using namespace lemu::test;
using nlohmann::json;

namespace {

// PATH for the bootstrap: the directory of the `node` the tests run with, then the usual ones.
std::string path_with_node() {
    const char* path = std::getenv("PATH");
    for (std::string_view dir : split(path != nullptr ? path : "", ':')) {
        if (!dir.empty() && ::access((std::string(dir) + "/node").c_str(), X_OK) == 0) {
            return std::string(dir) + ":/usr/local/bin:/usr/bin:/bin";
        }
    }
    return "/usr/local/bin:/usr/bin:/bin";
}

invoke::ExecutionSpecPtr ric_spec(const std::string& handler) {
    SpecOptions options;
    options.runtime = "provided.al2023";
    options.handler = handler;
    options.revision = handler;
    options.variables = {{"PATH", path_with_node()}};
    return make_spec(fixture("node-ric"), options);
}

}  // namespace

TEST_CASE("aws-lambda-ric from npm runs unmodified as a provided.al2023 bootstrap", "[.ric]") {
    REQUIRE(std::filesystem::exists(fixture("node-ric") / "node_modules" / ".bin" / "aws-lambda-ric"));
    EngineHarness h;
    auto spec = ric_spec("index.handler");
    auto request = h.request(spec, R"({"from":"lemu"})");
    request.invoked_arn = "arn:aws:lambda:us-east-1:000000000000:function:node-ric:live";
    std::string id = request.request_id;
    auto result = h.run(std::move(request));
    INFO(result.payload);
    REQUIRE_FALSE(result.function_error.has_value());
    json body = json::parse(result.payload);
    CHECK(body["event"] == json{{"from", "lemu"}});
    CHECK(body["awsRequestId"] == id);
    CHECK(body["invokedFunctionArn"] == "arn:aws:lambda:us-east-1:000000000000:function:node-ric:live");
    CHECK(body["functionName"] == "node-ric");
    CHECK(body["remaining"].get<int>() > 0);

    // Warm: the same RIC process takes the next invocation.
    int pid = h.engine->pool().environments("node-ric").front()->pid();
    auto warm = h.run(h.request(spec, "[1,2]"));
    CHECK(json::parse(warm.payload)["event"] == json::array({1, 2}));
    CHECK(h.engine->pool().environments("node-ric").front()->pid() == pid);

    auto failed = h.run(h.request(ric_spec("index.fail"), "{}"));
    CHECK(failed.function_error == std::optional<std::string>("Unhandled"));
    json error = json::parse(failed.payload);
    CHECK(error["errorType"] == "RangeError");
    CHECK(error["errorMessage"] == "out of range");
    CHECK(error["trace"][0] == "RangeError: out of range");

    auto missing = h.run(h.request(ric_spec("index.absent"), "{}"));
    CHECK(missing.function_error == std::optional<std::string>("Unhandled"));
    CHECK(json::parse(missing.payload)["errorType"] == "Runtime.HandlerNotFound");
}
