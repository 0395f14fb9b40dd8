#include "emulator/invoke/environment_variables.hpp"

#include <catch2/catch.hpp>
#include <regex>

using namespace lemu::invoke;

namespace {

ExecutionSpec spec_for(std::string runtime) {
    ExecutionSpec spec;
    spec.function_name = "f";
    spec.version = "$LATEST";
    spec.revision = "r1";
    spec.runtime = std::move(runtime);
    spec.handler = "function.handler";
    spec.code_dir = "/code/f";
    spec.memory_mb = 256;
    spec.timeout_seconds = 3;
    return spec;
}

EnvironmentInputs inputs_for(const ExecutionSpec& spec, RuntimeFamily family) {
    EnvironmentInputs in{spec};
    in.family = family;
    in.runtime_api = "127.0.0.1:40001";
    in.log_stream = "2024/01/02/[$LATEST]0123456789abcdef0123456789abcdef";
    in.region = "eu-west-1";
    in.edge_endpoint = "http://127.0.0.1:4566";
    in.runtime_dir = "/lemu/runtime-shims";
    in.path_prefix = {"/opt/python/bin"};
    return in;
}

}  // namespace

TEST_CASE("a provided runtime sees exactly the allow-listed variables", "[unit][invoke]") {
    ExecutionSpec spec = spec_for("provided.al2023");
    auto env = build_environment(inputs_for(spec, RuntimeFamily::Provided));
    const std::map<std::string, std::string> expected = {
        {"AWS_ACCESS_KEY_ID", "test"},
        {"AWS_DEFAULT_REGION", "eu-west-1"},
        {"AWS_ENDPOINT_URL", "http://127.0.0.1:4566"},
        {"AWS_ENDPOINT_URL_LAMBDA", "http://127.0.0.1:4566"},
        {"AWS_ENDPOINT_URL_S3", "http://127.0.0.1:4566"},
        {"AWS_ENDPOINT_URL_SQS", "http://127.0.0.1:4566"},
        {"AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "256"},
        {"AWS_LAMBDA_FUNCTION_NAME", "f"},
        {"AWS_LAMBDA_FUNCTION_VERSION", "$LATEST"},
        {"AWS_LAMBDA_INITIALIZATION_TYPE", "on-demand"},
        {"AWS_LAMBDA_LOG_GROUP_NAME", "/aws/lambda/f"},
        {"AWS_LAMBDA_LOG_STREAM_NAME", "2024/01/02/[$LATEST]0123456789abcdef0123456789abcdef"},
        {"AWS_LAMBDA_RUNTIME_API", "127.0.0.1:40001"},
        {"AWS_REGION", "eu-west-1"},
        {"AWS_SECRET_ACCESS_KEY", "test"},
        {"AWS_SESSION_TOKEN", "test"},
        {"LAMBDA_RUNTIME_DIR", "/lemu/runtime-shims"},
        {"LAMBDA_TASK_ROOT", "/code/f"},
        {"LANG", "en_US.UTF-8"},
        {"LD_LIBRARY_PATH", "/code/f:/code/f/lib"},
        {"PATH", "/opt/python/bin:/usr/local/bin:/usr/bin:/bin"},
        {"TZ", ":UTC"},
        {"_HANDLER", "function.handler"},
    };
    CHECK(env == expected);  // nothing else: no AWS_EXECUTION_ENV, no HOME, nothing of lemu's own environment
}

TEST_CASE("layers extend PATH, LD_LIBRARY_PATH, PYTHONPATH and NODE_PATH", "[unit][invoke]") {
    ExecutionSpec python = spec_for("python3.12");
    python.opt_dir = "/layers/abc";
    auto env = build_environment(inputs_for(python, RuntimeFamily::Python));
    CHECK(env["PATH"] == "/opt/python/bin:/usr/local/bin:/usr/bin:/bin:/layers/abc/bin");
    CHECK(env["LD_LIBRARY_PATH"] == "/code/f:/code/f/lib:/layers/abc/lib");
    CHECK(env["PYTHONPATH"] ==
          "/lemu/runtime-shims:/layers/abc/python:/layers/abc/python/lib/python3.12/site-packages");
    CHECK(env["AWS_EXECUTION_ENV"] == "AWS_Lambda_python3.12");
    CHECK(env.count("NODE_PATH") == 0);

    ExecutionSpec node = spec_for("nodejs20.x");
    node.opt_dir = "/layers/abc";
    auto node_env = build_environment(inputs_for(node, RuntimeFamily::Node));
    CHECK(node_env["NODE_PATH"] ==
          "/layers/abc/nodejs/node20/node_modules:/layers/abc/nodejs/node_modules:/lemu/runtime-shims/"
          "node_modules:"
          "/lemu/runtime-shims:/code/f");
    CHECK(node_env["AWS_EXECUTION_ENV"] == "AWS_Lambda_nodejs20.x");
    CHECK(node_env.count("PYTHONPATH") == 0);
}

TEST_CASE("the function's variables override platform defaults but never reserved keys", "[unit][invoke]") {
    ExecutionSpec spec = spec_for("provided.al2023");
    spec.variables = {{"PATH", "/mine"},
                      {"LANG", "C"},
                      {"AWS_ENDPOINT_URL", "http://elsewhere"},
                      {"TEST_KEY", "TEST_VAL"},
                      {"AWS_LAMBDA_RUNTIME_API", "evil:1"},
                      {"_HANDLER", "other"},
                      {"AWS_REGION", "xx"},
                      {"AWS_ACCESS_KEY_ID", "real-key"},
                      {"TZ", "Europe/Paris"},
                      {"LAMBDA_TASK_ROOT", "/elsewhere"},
                      {"AWS_EXECUTION_ENV", "fake"}};
    spec.log_group = "/custom/group";
    auto env = build_environment(inputs_for(spec, RuntimeFamily::Provided));
    CHECK(env["PATH"] == "/mine");
    CHECK(env["LANG"] == "C");
    CHECK(env["AWS_ENDPOINT_URL"] == "http://elsewhere");
    CHECK(env["TEST_KEY"] == "TEST_VAL");
    CHECK(env["AWS_LAMBDA_RUNTIME_API"] == "127.0.0.1:40001");
    CHECK(env["_HANDLER"] == "function.handler");
    CHECK(env["AWS_REGION"] == "eu-west-1");
    CHECK(env["AWS_ACCESS_KEY_ID"] == "test");
    CHECK(env["TZ"] == ":UTC");
    CHECK(env["LAMBDA_TASK_ROOT"] == "/code/f");
    CHECK(env.count("AWS_EXECUTION_ENV") == 0);
    CHECK(env["AWS_LAMBDA_LOG_GROUP_NAME"] == "/custom/group");
}

TEST_CASE("no edge endpoint yet: no AWS_ENDPOINT_URL variables", "[unit][invoke]") {
    ExecutionSpec spec = spec_for("provided.al2");
    EnvironmentInputs in = inputs_for(spec, RuntimeFamily::Provided);
    in.edge_endpoint.clear();
    auto env = build_environment(in);
    CHECK(env.count("AWS_ENDPOINT_URL") == 0);
    CHECK(env.count("AWS_ENDPOINT_URL_SQS") == 0);
}

TEST_CASE("log stream names are YYYY/MM/DD/[version]hex32 in UTC", "[unit][invoke]") {
    // 2023-10-26T23:59:59Z
    lemu::TimePoint at{std::chrono::seconds{1698364799}};
    std::string name = log_stream_name(at, "$LATEST", "4c635695afb9f338c953de64198b0ee6");
    CHECK(name == "2023/10/26/[$LATEST]4c635695afb9f338c953de64198b0ee6");
    CHECK(std::regex_match(log_stream_name(at, "7", "0123456789abcdef0123456789abcdef"),
                           std::regex(R"(^\d{4}/\d{2}/\d{2}/\[7\][0-9a-f]{32}$)")));
}
