// The RuntimeApiRouter and an ExecutionEnvironment against an in-process fake runtime that speaks the
// Runtime API over loopback: exact statuses, headers and bodies (runtime.md §1.A, test plan §6.1-§6.5).

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/use_future.hpp>
#include <catch2/catch.hpp>

#include "emulator/invoke/execution_environment.hpp"
#include "tests/component/harness.hpp"
#include "tests/component/http_client.hpp"

using namespace lemu;
using namespace lemu::test;
using invoke::EnvironmentState;

namespace {

// A runtime process that is not there: the test thread plays the runtime.
class FakeProcess final : public invoke::ProcessHandle {
public:
    int pid() const override { return 0; }
    void kill_group() noexcept override { killed = true; }
    void flush_output() override {}
    bool killed = false;
};

constexpr const char* kNext = "/2018-06-01/runtime/invocation/next";

std::string response_path(const std::string& id) {
    return "/2018-06-01/runtime/invocation/" + id + "/response";
}
std::string error_path(const std::string& id) {
    return "/2018-06-01/runtime/invocation/" + id + "/error";
}
constexpr const char* kInitError = "/2018-06-01/runtime/init/error";

struct FakeEnvironment {
    explicit FakeEnvironment(EngineHarness& h, int timeout_seconds = 30, std::string id = "env-fake") {
        SpecOptions options;
        options.timeout_seconds = timeout_seconds;
        options.function_name = "fake";
        spec = make_spec("/nonexistent/fake", options);
        auto log = std::make_shared<invoke::FunctionLog>("fake", "$LATEST", 4096);
        environment = std::make_shared<invoke::ExecutionEnvironment>(
            invoke::ExecutionEnvironment::Context{h.io.get_executor(), h.clock, h.config, h.endpoints}, spec,
            id, log);
        address = h.endpoints.allocate(environment->id(), environment);
        auto process = std::make_unique<FakeProcess>();
        fake = process.get();
        environment->attach(std::move(process));
    }

    std::future<invoke::InvocationResult> invoke(EngineHarness& h, std::string request_id,
                                                 std::string payload, bool tail = false) {
        auto invocation = std::make_shared<invoke::Invocation>();
        invocation->request_id = std::move(request_id);
        invocation->invoked_arn = "arn:aws:lambda:us-east-1:000000000000:function:fake:live";
        invocation->payload = std::move(payload);
        invocation->trace_id = "Root=1-5bef4de7-ad49b0e87f6ef6c87fc2e700;Parent=9a9197af755a6419;Sampled=1";
        invocation->client_context = R"({"custom":{"foo":"bar"}})";
        invocation->cognito_identity = R"({"cognitoIdentityId":"id","cognitoIdentityPoolId":"pool"})";
        invocation->tail_log = tail;
        return boost::asio::co_spawn(h.io, environment->invoke(invocation), boost::asio::use_future);
    }

    invoke::ExecutionSpecPtr spec;
    std::shared_ptr<invoke::ExecutionEnvironment> environment;
    std::string address;
    FakeProcess* fake = nullptr;
};

invoke::InvocationResult wait(std::future<invoke::InvocationResult>& future) {
    REQUIRE(future.wait_for(std::chrono::seconds(30)) == std::future_status::ready);
    return future.get();
}

HttpReply wait(std::future<HttpReply>& future) {
    REQUIRE(future.wait_for(std::chrono::seconds(30)) == std::future_status::ready);
    return future.get();
}

}  // namespace

TEST_CASE("GET /next blocks until an invocation arrives, then carries its headers and payload",
          "[component]") {
    EngineHarness h;
    FakeEnvironment fake(h, 7);
    HttpClient runtime(fake.address);
    auto next = std::async(std::launch::async, [&] { return runtime.request("GET", kNext); });
    // The first /next ends init; with nothing to run it stays parked.
    REQUIRE(eventually([&] { return fake.environment->state() == EnvironmentState::Idle; }));
    CHECK(next.wait_for(std::chrono::milliseconds(0)) == std::future_status::timeout);

    auto before = epoch_millis(h.clock.now());
    auto result = fake.invoke(h, "8476a536-e9f4-11e8-9739-2dfe598c3fcd", R"({"key":"value"})");
    HttpReply event = wait(next);
    auto after = epoch_millis(h.clock.now());
    CHECK(event.status == 200);
    CHECK(event.header("lambda-runtime-aws-request-id") == "8476a536-e9f4-11e8-9739-2dfe598c3fcd");
    CHECK(event.header("lambda-runtime-invoked-function-arn") ==
          "arn:aws:lambda:us-east-1:000000000000:function:fake:live");
    CHECK(event.header("lambda-runtime-trace-id") ==
          "Root=1-5bef4de7-ad49b0e87f6ef6c87fc2e700;Parent=9a9197af755a6419;Sampled=1");
    CHECK(event.header("lambda-runtime-client-context") == R"({"custom":{"foo":"bar"}})");
    CHECK(event.header("lambda-runtime-cognito-identity") ==
          R"({"cognitoIdentityId":"id","cognitoIdentityPoolId":"pool"})");
    CHECK(event.header("content-type") == "application/json");
    std::int64_t deadline = std::stoll(event.header("lambda-runtime-deadline-ms"));
    CHECK(deadline >= before + 7000);  // absolute epoch ms: dispatch time + Timeout
    CHECK(deadline <= after + 7000);
    CHECK(event.body == R"({"key":"value"})");
    CHECK(fake.environment->state() == EnvironmentState::Invoking);

    HttpReply accepted =
        runtime.request("POST", response_path("8476a536-e9f4-11e8-9739-2dfe598c3fcd"), R"({"ok":1})");
    CHECK(accepted.status == 202);
    CHECK(accepted.header("content-type") == "application/json");
    CHECK(accepted.body == "{\"status\":\"OK\"}\n");
    auto r = wait(result);
    CHECK(r.payload == R"({"ok":1})");
    CHECK_FALSE(r.function_error.has_value());
    CHECK(r.executed_version == "$LATEST");
    CHECK(r.request_id == "8476a536-e9f4-11e8-9739-2dfe598c3fcd");
    CHECK(r.invoked_arn == "arn:aws:lambda:us-east-1:000000000000:function:fake:live");
    CHECK(fake.environment->state() == EnvironmentState::Idle);
}

TEST_CASE("the request id is checked before the state: unknown id 400, repeat 403", "[component]") {
    EngineHarness h;
    FakeEnvironment fake(h);
    HttpClient runtime(fake.address);
    // Before any invocation, every id is unknown.
    HttpReply early = runtime.request("POST", response_path("nope"), "{}");
    CHECK(early.status == 400);
    CHECK(early.body == "{\"errorMessage\":\"Invalid request ID\",\"errorType\":\"InvalidRequestID\"}\n");

    auto result = fake.invoke(h, "id-1", "{}");
    HttpReply event = runtime.request("GET", kNext);
    REQUIRE(event.header("lambda-runtime-aws-request-id") == "id-1");
    HttpReply wrong = runtime.request("POST", response_path("not-the-id"), "{}");
    CHECK(wrong.status == 400);
    CHECK(wrong.header("content-type") == "application/json");
    CHECK(wrong.body == "{\"errorMessage\":\"Invalid request ID\",\"errorType\":\"InvalidRequestID\"}\n");
    CHECK(runtime.request("POST", response_path("id-1"), "\"first\"").status == 202);
    CHECK(wait(result).payload == "\"first\"");

    HttpReply again = runtime.request("POST", response_path("id-1"), "\"second\"");
    CHECK(again.status == 403);
    CHECK(
        again.body ==
        "{\"errorMessage\":\"State transition from RuntimeResponseSentState to InvocationResponse failed for "
        "runtime. Error: State transition is not allowed\",\"errorType\":\"InvalidStateTransition\"}\n");
    HttpReply error_after = runtime.request("POST", error_path("id-1"), "{}");
    CHECK(error_after.status == 403);
    CHECK(
        error_after.body ==
        "{\"errorMessage\":\"State transition from RuntimeResponseSentState to InvocationErrorResponse "
        "failed "
        "for runtime. Error: State transition is not allowed\",\"errorType\":\"InvalidStateTransition\"}\n");
    HttpReply init_after = runtime.request("POST", kInitError, "{}");
    CHECK(init_after.status == 403);
    CHECK(
        init_after.body ==
        "{\"errorMessage\":\"State transition from RuntimeResponseSentState to InitError failed for runtime. "
        "Error: State transition is not allowed\",\"errorType\":\"InvalidStateTransition\"}\n");
}

TEST_CASE("/error answers the caller with the posted body and Unhandled; the environment is reused",
          "[component]") {
    EngineHarness h;
    FakeEnvironment fake(h);
    HttpClient runtime(fake.address);
    auto first = fake.invoke(h, "id-1", "{}");
    runtime.request("GET", kNext);
    const std::string body = R"({"errorMessage":"boom","errorType":"ValueError","stackTrace":[]})";
    HttpReply accepted = runtime.request("POST", error_path("id-1"), body);
    CHECK(accepted.status == 202);
    CHECK(accepted.body == "{\"status\":\"OK\"}\n");
    auto r = wait(first);
    CHECK(r.payload == body);
    CHECK(r.function_error == std::optional<std::string>("Unhandled"));
    CHECK(fake.environment->state() == EnvironmentState::Idle);

    auto second = fake.invoke(h, "id-2", "[1,2]");
    HttpReply event = runtime.request("GET", kNext);
    CHECK(event.body == "[1,2]");
    runtime.request("POST", response_path("id-2"), "null");
    CHECK(wait(second).payload == "null");
    CHECK_FALSE(fake.fake->killed);
}

TEST_CASE("/init/error during an invocation is 403 from Running", "[component]") {
    EngineHarness h;
    FakeEnvironment fake(h);
    HttpClient runtime(fake.address);
    auto result = fake.invoke(h, "id-1", "{}");
    runtime.request("GET", kNext);
    HttpReply denied = runtime.request("POST", kInitError, R"({"errorMessage":"late","errorType":"X"})");
    CHECK(denied.status == 403);
    CHECK(denied.body ==
          "{\"errorMessage\":\"State transition from Running to InitError failed for runtime. Error: State "
          "transition is not allowed\",\"errorType\":\"InvalidStateTransition\"}\n");
    // A repeated /next mid-invocation re-renders the same event (RIE).
    HttpReply again = runtime.request("GET", kNext);
    CHECK(again.header("lambda-runtime-aws-request-id") == "id-1");
    CHECK(again.body == "{}");
    runtime.request("POST", response_path("id-1"), "1");
    CHECK(wait(result).payload == "1");
}

TEST_CASE("an oversized /response: 413 to the runtime, ResponseSizeTooLarge to the caller, env kept",
          "[component]") {
    EngineHarness h;
    FakeEnvironment fake(h);
    HttpClient runtime(fake.address);
    auto result = fake.invoke(h, "id-1", "{}");
    runtime.request("GET", kNext);
    HttpReply too_large = runtime.head_only("POST", response_path("id-1"), invoke::kMaxResponseBytes + 1);
    CHECK(too_large.status == 413);
    CHECK(too_large.body ==
          "{\"errorMessage\":\"Exceeded maximum allowed payload size (6291556 bytes).\",\"errorType\":"
          "\"RequestEntityTooLarge\"}\n");
    auto r = wait(result);
    CHECK(r.function_error == std::optional<std::string>("Unhandled"));
    CHECK(
        r.payload ==
        R"({"errorMessage":"Response payload size exceeded maximum allowed payload size (6291556 bytes).","errorType":"Function.ResponseSizeTooLarge"})");
    CHECK(fake.environment->state() == EnvironmentState::Idle);

    // Exactly the limit is accepted, and the environment serves the next invocation.
    HttpClient runtime2(fake.address);
    auto second = fake.invoke(h, "id-2", "{}");
    runtime2.request("GET", kNext);
    std::string limit(invoke::kMaxResponseBytes, 'a');
    CHECK(runtime2.request("POST", response_path("id-2"), limit).status == 202);
    CHECK(wait(second).payload.size() == invoke::kMaxResponseBytes);
}

TEST_CASE("/init/error answers the pending first invocation with the posted body and ends the environment",
          "[component]") {
    EngineHarness h;
    FakeEnvironment fake(h);
    HttpClient runtime(fake.address);
    auto result = fake.invoke(h, "id-1", "{}");
    const std::string body =
        R"({"errorMessage":"Unable to import module 'x': No module named 'x'","errorType":"Runtime.ImportModuleError","requestId":"","stackTrace":[]})";
    HttpReply accepted = runtime.request(
        "POST", kInitError, body, {{"Lambda-Runtime-Function-Error-Type", "Runtime.ImportModuleError"}});
    CHECK(accepted.status == 202);
    auto r = wait(result);
    CHECK(r.payload == body);
    CHECK(r.function_error == std::optional<std::string>("Unhandled"));
    CHECK(fake.environment->state() == EnvironmentState::InitFailed);
}

TEST_CASE("each endpoint reaches only its own environment", "[component]") {
    EngineHarness h;
    FakeEnvironment a(h, 30, "env-a");
    FakeEnvironment b(h, 30, "env-b");
    REQUIRE(a.address != b.address);
    HttpClient runtime_a(a.address);
    HttpClient runtime_b(b.address);
    auto next_b = std::async(std::launch::async, [&] { return runtime_b.request("GET", kNext); });
    REQUIRE(eventually([&] { return b.environment->state() == EnvironmentState::Idle; }));
    auto result = a.invoke(h, "for-a", "\"a\"");
    HttpReply event = runtime_a.request("GET", kNext);
    CHECK(event.header("lambda-runtime-aws-request-id") == "for-a");
    CHECK(next_b.wait_for(std::chrono::milliseconds(0)) == std::future_status::timeout);
    HttpClient intruder(b.address);
    CHECK(intruder.request("POST", response_path("for-a"), "\"stolen\"").status == 400);
    runtime_a.request("POST", response_path("for-a"), "\"mine\"");
    CHECK(wait(result).payload == "\"mine\"");
    b.environment->stop();  // the parked /next of b is told to exit
    HttpReply gone = wait(next_b);
    CHECK(gone.status == 500);
    CHECK(gone.body ==
          "{\"errorMessage\":\"Internal Server Error\",\"errorType\":\"InternalServerError\"}\n");
}

TEST_CASE("ping and unknown paths", "[component]") {
    EngineHarness h;
    FakeEnvironment fake(h);
    HttpClient runtime(fake.address);
    HttpReply pong = runtime.request("GET", "/2018-06-01/ping");
    CHECK(pong.status == 200);
    CHECK(pong.body == "pong");
    CHECK(runtime.request("GET", "/2018-06-01/runtime/unknown").status == 404);
    CHECK(runtime.request("DELETE", kNext).status == 405);
}

TEST_CASE("stop fails a pending invocation with ServiceException shutting down", "[component]") {
    EngineHarness h;
    FakeEnvironment fake(h);
    HttpClient runtime(fake.address);
    auto result = fake.invoke(h, "id-1", "{}");
    runtime.request("GET", kNext);
    fake.environment->stop();
    REQUIRE(result.wait_for(std::chrono::seconds(30)) == std::future_status::ready);
    try {
        result.get();
        FAIL("expected ServiceException");
    } catch (const AwsError& e) {
        CHECK(e.name() == "ServiceException");
        CHECK(e.message() == "shutting down");
    }
    CHECK(fake.fake->killed);
    CHECK(runtime.request("POST", response_path("id-1"), "{}").status == 500);
}
