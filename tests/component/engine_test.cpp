// The ExecutionEngine with real child processes: a custom runtime written in sh + curl
// (tests/fixtures/functions/sh-*), timeouts, crashes, init failures, floods, pooling and concurrency.
// No assertion here depends on how long anything takes.

#include <catch2/catch.hpp>

#include <fcntl.h>
#include <signal.h>
#include <unistd.h>

#include <fstream>
#include <regex>
#include <set>
#include <sstream>

#include "emulator/core/aws_error.hpp"
#include "tests/component/harness.hpp"

using namespace lemu;
using namespace lemu::test;

namespace {

std::optional<std::string> function_error(const invoke::InvocationResult& r) {
    return r.function_error;
}
const std::optional<std::string> kUnhandled = "Unhandled";

// True when the process is gone (or a zombie nobody reaped yet: it no longer runs).
bool process_ended(int pid) {
    int fd = ::open(("/proc/" + std::to_string(pid) + "/stat").c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        return true;
    }
    char buffer[1024];
    ssize_t n = ::read(fd, buffer, sizeof(buffer) - 1);
    ::close(fd);
    if (n <= 0) {
        return true;
    }
    std::string content(buffer, static_cast<std::size_t>(n));
    auto close = content.rfind(')');
    return close != std::string::npos && close + 2 < content.size() && content[close + 2] == 'Z';
}

std::uint64_t own_rss_kb() {
    std::ifstream status("/proc/self/status");
    std::string line;
    while (std::getline(status, line)) {
        if (line.rfind("VmRSS:", 0) == 0) {
            return std::stoull(line.substr(6));
        }
    }
    return 0;
}

std::map<std::string, std::string> parse_env(const std::string& text) {
    std::map<std::string, std::string> env;
    std::istringstream in(text);
    std::string line;
    while (std::getline(in, line)) {
        auto eq = line.find('=');
        if (eq != std::string::npos) {
            env[line.substr(0, eq)] = line.substr(eq + 1);
        }
    }
    return env;
}

int environment_pid(EngineHarness& h, const std::string& function) {
    auto environments = h.engine->pool().environments(function);
    return environments.size() == 1 ? environments.front()->pid() : -1;
}

}  // namespace

TEST_CASE("a sh + curl bootstrap answers; warm invocations reuse the same process", "[component]") {
    EngineHarness h;
    auto spec = make_spec(fixture("sh-behave"));
    auto first = h.run(h.request(spec, R"({"hello":"world"})"));
    CHECK(first.payload == R"({"hello":"world"})");
    CHECK_FALSE(first.function_error.has_value());
    CHECK(first.executed_version == "$LATEST");
    CHECK(first.content_type == "application/json");

    auto pid1 = h.run(h.request(spec, R"({"action":"pid"})"));
    auto pid2 = h.run(h.request(spec, R"({"action":"pid"})"));
    CHECK(pid1.payload == pid2.payload);
    CHECK(pid1.content_type == "text/plain");
    CHECK(std::to_string(environment_pid(h, "sh-behave")) == pid1.payload);
    CHECK(h.engine->pool().size() == 1);
    // An empty payload reaches the runtime as {}.
    CHECK(h.run(h.request(spec, "")).payload == "{}");
}

TEST_CASE("the runtime sees exactly the allow-listed environment and runs in its task root", "[component]") {
    ::setenv("LEMU_TEST_SHELL_SECRET", "must-not-leak", 1);
    EngineHarness h;
    SpecOptions options;
    options.memory_mb = 256;
    options.variables = {{"TEST_KEY", "TEST_VAL"}, {"AWS_REGION", "ignored"}};
    auto spec = make_spec(fixture("sh-behave"), options);
    auto result = h.run(h.request(spec, R"({"action":"env"})"));
    auto env = parse_env(result.payload);
    CHECK(env["AWS_LAMBDA_FUNCTION_NAME"] == "sh-behave");
    CHECK(env["AWS_LAMBDA_FUNCTION_MEMORY_SIZE"] == "256");
    CHECK(env["AWS_LAMBDA_FUNCTION_VERSION"] == "$LATEST");
    CHECK(env["AWS_LAMBDA_LOG_GROUP_NAME"] == "/aws/lambda/sh-behave");
    CHECK(std::regex_match(env["AWS_LAMBDA_LOG_STREAM_NAME"],
                           std::regex(R"(^\d{4}/\d{2}/\d{2}/\[\$LATEST\][0-9a-f]{32}$)")));
    CHECK(env["AWS_LAMBDA_INITIALIZATION_TYPE"] == "on-demand");
    CHECK(std::regex_match(env["AWS_LAMBDA_RUNTIME_API"], std::regex(R"(^127\.0\.0\.1:\d+$)")));
    CHECK(env["TZ"] == ":UTC");
    CHECK(env["AWS_REGION"] == "us-east-1");
    CHECK(env["AWS_DEFAULT_REGION"] == "us-east-1");
    CHECK(env["_HANDLER"] == "function.handler");
    CHECK(env["LAMBDA_TASK_ROOT"] == fixture("sh-behave").string());
    CHECK(env["TEST_KEY"] == "TEST_VAL");
    CHECK(env["AWS_ACCESS_KEY_ID"] == "test");
    CHECK(env["AWS_ENDPOINT_URL"] == "http://127.0.0.1:4566");
    CHECK(env["AWS_ENDPOINT_URL_SQS"] == "http://127.0.0.1:4566");
    CHECK(env.count("AWS_EXECUTION_ENV") == 0);
    CHECK(env.count("LEMU_TEST_SHELL_SECRET") == 0);
    CHECK(env.count("HOME") == 0);
    CHECK(env["CWD"] == fixture("sh-behave").string());
}

TEST_CASE("a timeout kills the whole process group and the next invocation starts a fresh process",
          "[component]") {
    EngineHarness h;
    TempDir mark;
    SpecOptions options;
    options.timeout_seconds = 1;
    options.variables = {{"MARK_DIR", mark.path().string()}};
    auto spec = make_spec(fixture("sh-behave"), options);
    auto warm = h.run(h.request(spec, R"({"action":"pid"})"));
    auto request = h.request(spec, R"({"action":"sleep"})");
    std::string id = request.request_id;
    auto result = h.run(std::move(request));
    CHECK(function_error(result) == kUnhandled);
    CHECK(std::regex_match(
        result.payload, std::regex(R"(\{"errorType":"Sandbox\.Timedout","errorMessage":"RequestId: )" + id +
                                   R"( Error: Task timed out after 1\.\d\d seconds"\})")));
    // The grandchild (a `sleep 600` the runtime started) died with its process group.
    std::ifstream pid_file(mark.path() / "grandchild.pid");
    int grandchild = 0;
    pid_file >> grandchild;
    REQUIRE(grandchild > 0);
    CHECK(eventually([&] { return process_ended(grandchild); }));
    CHECK(eventually([&] { return process_ended(std::stoi(warm.payload)); }));

    auto fresh = h.run(h.request(spec, R"({"action":"pid"})"));
    CHECK_FALSE(fresh.function_error.has_value());
    CHECK(fresh.payload != warm.payload);
}

TEST_CASE("a runtime that dies mid-invocation answers Runtime.ExitError with AWS's reasons", "[component]") {
    EngineHarness h;
    auto spec = make_spec(fixture("sh-behave"));
    auto check = [&](const std::string& action, const std::string& reason) {
        auto request = h.request(spec, R"({"action":")" + action + R"("})");
        std::string id = request.request_id;
        auto result = h.run(std::move(request));
        CHECK(function_error(result) == kUnhandled);
        CHECK(result.payload == R"({"errorType":"Runtime.ExitError","errorMessage":"RequestId: )" + id +
                                    " Error: " + reason + "\"}");
    };
    check("exit3", "Runtime exited with error: exit status 3");
    check("exit0", "Runtime exited without providing a reason");
    check("kill", "Runtime exited with error: signal: killed");
    // Each crash discarded its environment; the function still works.
    CHECK(h.run(h.request(spec, R"("again")")).payload == R"("again")");
}

TEST_CASE("a function error via /error is Unhandled and keeps the process", "[component]") {
    EngineHarness h;
    auto spec = make_spec(fixture("sh-behave"));
    auto before = h.run(h.request(spec, R"({"action":"pid"})"));
    auto failed = h.run(h.request(spec, R"({"action":"error"})"));
    CHECK(function_error(failed) == kUnhandled);
    CHECK(failed.payload == R"({"errorMessage":"boom","errorType":"ValueError","stackTrace":[]})");
    CHECK(h.run(h.request(spec, R"({"action":"pid"})")).payload == before.payload);
}

TEST_CASE("init failures answer the first invocation", "[component]") {
    SECTION("/init/error: the posted document") {
        EngineHarness h;
        auto spec = make_spec(fixture("sh-init-error"));
        auto result = h.run(h.request(spec, "{}"));
        CHECK(function_error(result) == kUnhandled);
        CHECK(
            result.payload ==
            R"({"errorMessage":"Unable to import module 'x': No module named 'x'","errorType":"Runtime.ImportModuleError","requestId":"","stackTrace":[]})");
        // The next invocation tries a fresh init, which fails the same way.
        CHECK(h.run(h.request(spec, "{}")).payload == result.payload);
    }
    SECTION("an exit during init: Runtime.ExitError") {
        EngineHarness h;
        auto spec = make_spec(fixture("sh-crash-init"));
        auto request = h.request(spec, "{}");
        std::string id = request.request_id;
        auto result = h.run(std::move(request));
        CHECK(function_error(result) == kUnhandled);
        CHECK(result.payload == R"({"errorType":"Runtime.ExitError","errorMessage":"RequestId: )" + id +
                                    R"( Error: Runtime exited with error: exit status 3"})");
    }
    SECTION("no /next within the init timeout: Runtime.Unknown, process killed") {
        auto config = EngineHarness::default_config();
        config.init_timeout = std::chrono::milliseconds(300);
        EngineHarness h(config);
        auto spec = make_spec(fixture("sh-silent"));
        auto request = h.request(spec, "{}");
        std::string id = request.request_id;
        auto future = h.start(std::move(request));
        REQUIRE(eventually([&] { return environment_pid(h, "sh-silent") > 0; }));
        int pid = environment_pid(h, "sh-silent");
        REQUIRE(future.wait_for(std::chrono::seconds(60)) == std::future_status::ready);
        auto result = future.get();
        CHECK(function_error(result) == kUnhandled);
        CHECK(result.payload == R"({"errorType":"Runtime.Unknown","errorMessage":"RequestId: )" + id +
                                    R"( Error: Runtime init timed out after 0.30 seconds"})");
        CHECK(eventually([&] { return process_ended(pid); }));
    }
    SECTION("no bootstrap: Runtime.InvalidEntrypoint") {
        EngineHarness h;
        auto spec = make_spec(fixture("no-bootstrap"));
        auto request = h.request(spec, "{}");
        std::string id = request.request_id;
        auto result = h.run(std::move(request));
        CHECK(function_error(result) == kUnhandled);
        CHECK(result.payload ==
              R"({"errorType":"Runtime.InvalidEntrypoint","errorMessage":"RequestId: )" + id +
                  R"( Error: Couldn't find valid bootstrap(s): [/var/task/bootstrap /opt/bootstrap]"})");
    }
    SECTION("a bootstrap that cannot be executed: fork/exec error") {
        EngineHarness h;
        auto spec = make_spec(fixture("not-executable"));
        auto request = h.request(spec, "{}");
        std::string id = request.request_id;
        auto result = h.run(std::move(request));
        CHECK(result.payload == R"({"errorType":"Runtime.InvalidEntrypoint","errorMessage":"RequestId: )" +
                                    id + R"( Error: fork/exec /var/task/bootstrap: permission denied"})");
    }
}

TEST_CASE("a flood of output keeps lemu's memory bounded and the tail at 4 KB", "[component]") {
    EngineHarness h;
    auto spec = make_spec(fixture("sh-behave"));
    h.run(h.request(spec, "{}"));
    std::uint64_t before = own_rss_kb();
    auto request = h.request(spec, R"({"action":"flood"})");
    request.tail_log = true;
    std::string id = request.request_id;
    auto result = h.run(std::move(request));
    std::uint64_t after = own_rss_kb();
    CHECK(result.payload == R"("flooded")");
    // 20 MB without a newline and 100 000 lines went through; lemu kept none of it.
    CHECK(after < before + 32 * 1024);
    CHECK(result.log_tail.size() == 4096);
    CHECK(result.log_tail.find("\n99999\n100000\n") != std::string::npos);
    CHECK(std::regex_search(result.log_tail,
                            std::regex("END RequestId: " + id + "\nREPORT RequestId: " + id +
                                       "\tDuration: [0-9.]+ ms\tBilled Duration: [0-9]+ ms\t"
                                       "Memory Size: 128 MB\tMax Memory Used: [0-9]+ MB\t\n$")));
}

TEST_CASE("the log tail frames the invocation's own output; Init Duration only when cold", "[component]") {
    EngineHarness h;
    auto spec = make_spec(fixture("sh-behave"));
    auto cold_request = h.request(spec, R"("cold")");
    cold_request.tail_log = true;
    std::string cold_id = cold_request.request_id;
    auto cold = h.run(std::move(cold_request));
    CHECK(cold.log_tail.starts_with("START RequestId: " + cold_id + " Version: $LATEST\n"));
    CHECK(cold.log_tail.find("handling " + cold_id + "\n") != std::string::npos);
    CHECK(cold.log_tail.find("a line on stderr for " + cold_id + "\n") != std::string::npos);
    CHECK(cold.log_tail.find("bootstrap started") ==
          std::string::npos);  // init output is not this invocation's
    CHECK(cold.log_tail.find("INIT_START") == std::string::npos);
    CHECK(std::regex_search(cold.log_tail, std::regex("\tInit Duration: [0-9]+\\.[0-9]{2} ms\t\n$")));

    auto warm_request = h.request(spec, R"("warm")");
    warm_request.tail_log = true;
    auto warm = h.run(std::move(warm_request));
    CHECK(warm.log_tail.find("Init Duration") == std::string::npos);
    CHECK(warm.log_tail.find(cold_id) == std::string::npos);
    // Without Tail, no tail.
    CHECK(h.run(h.request(spec, R"("none")")).log_tail.empty());
}

TEST_CASE("three concurrent invocations run in three processes with their own endpoints", "[component]") {
    EngineHarness h;
    TempDir mark;
    SpecOptions options;
    options.variables = {{"MARK_DIR", mark.path().string()}};
    auto spec = make_spec(fixture("sh-behave"), options);
    std::vector<std::future<invoke::InvocationResult>> futures;
    for (int i = 0; i < 3; ++i) {
        futures.push_back(h.start(h.request(spec, R"({"action":"barrier"})")));
    }
    std::set<std::string> ports;
    std::set<std::string> pids;
    for (auto& future : futures) {
        REQUIRE(future.wait_for(std::chrono::seconds(60)) == std::future_status::ready);
        auto result = future.get();
        REQUIRE_FALSE(result.function_error.has_value());
        std::string text = result.payload.substr(1, result.payload.size() - 2);  // "api pid"
        ports.insert(text.substr(0, text.find(' ')));
        pids.insert(text.substr(text.find(' ') + 1));
    }
    CHECK(ports.size() == 3);
    CHECK(pids.size() == 3);
    CHECK(h.engine->pool().size() == 3);
    CHECK(h.engine->pool().idle_count() == 3);
}

TEST_CASE("a response over 6 MB fails the invocation but not the environment", "[component]") {
    EngineHarness h;
    auto spec = make_spec(fixture("sh-behave"));
    auto before = h.run(h.request(spec, R"({"action":"pid"})"));
    auto result = h.run(h.request(spec, R"({"action":"big"})"));
    CHECK(function_error(result) == kUnhandled);
    CHECK(
        result.payload ==
        R"({"errorMessage":"Response payload size exceeded maximum allowed payload size (6291556 bytes).","errorType":"Function.ResponseSizeTooLarge"})");
    CHECK(h.run(h.request(spec, R"({"action":"pid"})")).payload == before.payload);
}

TEST_CASE("environments are per version and revision; idle ones are reaped", "[component]") {
    auto config = EngineHarness::default_config();
    config.idle_timeout = std::chrono::milliseconds(200);
    EngineHarness h(config);
    SpecOptions v1;
    v1.version = "1";
    auto spec_v1 = make_spec(fixture("sh-behave"), v1);
    auto spec_latest = make_spec(fixture("sh-behave"));
    std::string pid_v1 = h.run(h.request(spec_v1, R"({"action":"pid"})")).payload;
    std::string pid_latest = h.run(h.request(spec_latest, R"({"action":"pid"})")).payload;
    CHECK(pid_v1 != pid_latest);

    SpecOptions next_revision;
    next_revision.revision = "r2";
    auto spec_r2 = make_spec(fixture("sh-behave"), next_revision);
    std::string pid_r2 = h.run(h.request(spec_r2, R"({"action":"pid"})")).payload;
    CHECK(pid_r2 != pid_latest);
    // The superseded revision's environment was retired.
    CHECK(eventually([&] { return process_ended(std::stoi(pid_latest)); }));

    CHECK(eventually([&] { return h.engine->pool().size() == 0; }));
    CHECK(eventually([&] { return process_ended(std::stoi(pid_v1)) && process_ended(std::stoi(pid_r2)); }));
}

TEST_CASE("reserved concurrency throttles before any process starts", "[component]") {
    EngineHarness h;
    h.limiter.set_reserved("sh-behave", 0);
    auto spec = make_spec(fixture("sh-behave"));
    try {
        h.run(h.request(spec, "{}"));
        FAIL("expected TooManyRequestsException");
    } catch (const AwsError& e) {
        CHECK(e.name() == "TooManyRequestsException");
        CHECK(e.extra().at("Reason") == "ReservedFunctionConcurrentInvocationLimitExceeded");
    }
    CHECK(h.engine->pool().size() == 0);
}

TEST_CASE("shutdown fails pending invocations and kills every runtime", "[component]") {
    EngineHarness h;
    TempDir mark;
    SpecOptions options;
    options.variables = {{"MARK_DIR", mark.path().string()}};
    auto spec = make_spec(fixture("sh-behave"), options);
    auto future = h.start(h.request(spec, R"({"action":"sleep"})"));
    REQUIRE(eventually([&] { return std::filesystem::exists(mark.path() / "grandchild.pid"); }));
    int pid = environment_pid(h, "sh-behave");
    h.engine->shutdown();
    REQUIRE(future.wait_for(std::chrono::seconds(30)) == std::future_status::ready);
    try {
        future.get();
        FAIL("expected ServiceException");
    } catch (const AwsError& e) {
        CHECK(e.name() == "ServiceException");
        CHECK(e.message() == "shutting down");
    }
    CHECK(eventually([&] { return process_ended(pid); }));
    CHECK_THROWS_AS(h.run(h.request(spec, "{}")), AwsError);
}

TEST_CASE("layers: /opt/bootstrap when the code has none, /opt/bin on PATH, /opt/lib on LD_LIBRARY_PATH",
          "[component]") {
    EngineHarness h;
    auto spec = std::make_shared<invoke::ExecutionSpec>(*make_spec(fixture("no-bootstrap")));
    spec->opt_dir = fixture("layer-opt");
    auto result = h.run(h.request(spec, "{}"));
    REQUIRE_FALSE(result.function_error.has_value());
    auto env = parse_env(result.payload);
    CHECK(result.payload.starts_with("tool from the layer\n"));
    CHECK(env["PATH"].ends_with(":" + (fixture("layer-opt") / "bin").string()));
    CHECK(env["LD_LIBRARY_PATH"] == fixture("no-bootstrap").string() + ":" +
                                        (fixture("no-bootstrap") / "lib").string() + ":" +
                                        (fixture("layer-opt") / "lib").string());
    CHECK(env["BOOTSTRAP"] == (fixture("layer-opt") / "bootstrap").string());
}
