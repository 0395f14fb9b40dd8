// DurableRunner on a real io_context against a fake FunctionInvoker that plays the SDK: it replays
// the operations of the event it is given, checkpoints through the store, and answers PENDING or
// SUCCEEDED. Its "code" depends on the version it is invoked as, and it refuses (like the real
// SDK's NonDeterministicExecutionError) a history written by another version, so any resume that
// followed the alias instead of the pinned version would fail the execution.

#define CATCH_CONFIG_MAIN
#include <catch2/catch.hpp>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>

#include <filesystem>
#include <nlohmann/json.hpp>

#include "emulator/core/aws_error.hpp"
#include "emulator/core/random.hpp"
#include "emulator/durable/durable_runner.hpp"

using namespace lemu;
using namespace lemu::durable;
using namespace std::chrono_literals;
namespace asio = boost::asio;
using nlohmann::json;

namespace {

const TimePoint kT0 = TimePoint{std::chrono::seconds{1'700'000'000}};
constexpr const char* kFetch = "c4ca4238a0b92382";
constexpr const char* kPause = "c81e728d9d4c2f63";
constexpr const char* kFinish = "eccbc87e4b5ce2fe";
constexpr const char* kInvoke = "a87ff679a2f3e71d";

OperationUpdate update(std::string id, OperationType type, OperationAction action, std::optional<std::string> name) {
    OperationUpdate u;
    u.id = std::move(id);
    u.type = type;
    u.action = action;
    u.name = std::move(name);
    return u;
}

const json* find_op(const json& ops, const std::string& id) {
    for (const json& op : ops) {
        if (op["Id"] == id) {
            return &op;
        }
    }
    return nullptr;
}

invoke::InvocationResult answer(json body) {
    invoke::InvocationResult r;
    r.payload = body.dump();
    return r;
}

// Plays @aws/durable-execution-sdk-js for the handler of durable.md §4.3 (step, wait 1 h, step) and
// for a parent that chains into a plain function.
class FakeSdk final : public invoke::FunctionInvoker {
public:
    explicit FakeSdk(DurableExecutionStore& store) : store_(store) {}

    std::vector<std::string> targets;  // "function:qualifier" of every invocation, in order
    std::string live = "1";            // where alias "live" points now
    int crashes_left = 0;

    asio::awaitable<invoke::InvocationResult> invoke(invoke::InvokeCall call) override {
        co_return handle(call);
    }

private:
    invoke::InvocationResult handle(const invoke::InvokeCall& call) {
        std::string target = call.function_name + (call.qualifier ? ":" + *call.qualifier : "");
        targets.push_back(target);
        std::string qualifier = target.substr(target.find(':') + 1);
        std::string version = qualifier == "live" ? live : qualifier;
        if (call.function_name.starts_with("plain:")) {
            return answer(json("hello from plain " + version));
        }
        if (crashes_left > 0) {
            --crashes_left;
            invoke::InvocationResult crash;
            crash.function_error = "Unhandled";
            crash.payload = R"({"errorType":"Runtime.ExitError","errorMessage":"exit status 1"})";
            return crash;
        }
        json event = json::parse(call.payload);
        return call.function_name.starts_with("parent:") ? parent(event) : demo(event, "v" + version);
    }

    std::string checkpoint(const std::string& arn, std::string token, std::vector<OperationUpdate> updates) {
        return store_.checkpoint(arn, CheckpointRequest{token, std::nullopt, std::move(updates)}).token;
    }

    invoke::InvocationResult demo(const json& event, const std::string& code) {
        std::string arn = event["DurableExecutionArn"];
        std::string token = event["CheckpointToken"];
        const json& ops = event["InitialExecutionState"]["Operations"];
        if (const json* fetch = find_op(ops, kFetch); fetch && (*fetch)["Name"] != "fetch-" + code) {
            return answer({{"Status", "FAILED"},
                           {"Error",
                            {{"ErrorType", "NonDeterministicExecutionError"},
                             {"ErrorMessage", "Operation name mismatch for step \"1\""}}}});
        }
        if (find_op(ops, kFetch) == nullptr) {
            token = checkpoint(arn, token,
                               {update(kFetch, OperationType::Step, OperationAction::Start, "fetch-" + code),
                                update(kFetch, OperationType::Step, OperationAction::Succeed, std::nullopt)});
            OperationUpdate pause = update(kPause, OperationType::Wait, OperationAction::Start, "pause");
            pause.wait_seconds = 3600;
            pause.has_wait_options = true;
            checkpoint(arn, token, {pause});
            return answer({{"Status", "PENDING"}});
        }
        if ((*find_op(ops, kPause))["Status"] != "SUCCEEDED") {
            return answer({{"Status", "PENDING"}});
        }
        checkpoint(arn, token,
                   {update(kFinish, OperationType::Step, OperationAction::Start, "finish-" + code),
                    update(kFinish, OperationType::Step, OperationAction::Succeed, std::nullopt)});
        return answer({{"Status", "SUCCEEDED"}, {"Result", json{{"codeVersion", code}}.dump()}});
    }

    invoke::InvocationResult parent(const json& event) {
        std::string arn = event["DurableExecutionArn"];
        const json& ops = event["InitialExecutionState"]["Operations"];
        const json* invoked = find_op(ops, kInvoke);
        if (invoked == nullptr) {
            OperationUpdate start = update(kInvoke, OperationType::ChainedInvoke, OperationAction::Start, "call");
            start.chained_function_name = "plain:live";
            start.payload = "{}";
            checkpoint(arn, event["CheckpointToken"], {start});
            return answer({{"Status", "PENDING"}});
        }
        if ((*invoked)["Status"] != "SUCCEEDED") {
            return answer({{"Status", "PENDING"}});
        }
        return answer({{"Status", "SUCCEEDED"}, {"Result", (*invoked)["ChainedInvokeDetails"]["Result"]}});
    }

    DurableExecutionStore& store_;
};

// Resolves "plain:live" through alias "live", then moves the alias, as if UpdateAlias ran right
// after the START checkpoint: the runner must never resolve again.
class AliasResolver final : public ChainedInvokeResolver {
public:
    std::string live = "3";
    int calls = 0;
    ChainedTarget resolve(std::string_view name) override {
        ++calls;
        std::string fn(name.substr(0, name.find(':')));
        ChainedTarget target{fn, "live", live, std::nullopt};
        live = "4";
        return target;
    }
};

template <typename Pred>
bool run_until(asio::io_context& io, Pred pred) {
    auto deadline = std::chrono::steady_clock::now() + 20s;
    while (!pred()) {
        if (std::chrono::steady_clock::now() > deadline) {
            return false;
        }
        io.run_one_for(10ms);
    }
    return true;
}

StartRequest demo_start(std::string name) {
    StartRequest r;
    r.function_name = "demo";
    r.start_qualifier = "live";
    r.pinned_version = "1";  // "live" resolved by the Invoke operation at start
    r.settings = DurableSettings{2 * 3600, 14};
    r.payload = R"({"n":21})";
    r.name = std::move(name);
    return r;
}

std::vector<std::string> history(DurableExecutionStore& store, const std::string& arn) {
    std::vector<std::string> types;
    for (const HistoryEvent& e : store.history(arn, false, std::nullopt, 1000).items) {
        types.emplace_back(to_string(e.type));
    }
    return types;
}

bool has_event(DurableExecutionStore& store, const std::string& arn, std::string_view type, std::size_t count = 1) {
    auto h = history(store, arn);
    return static_cast<std::size_t>(std::count(h.begin(), h.end(), type)) >= count;
}

struct Rig {
    asio::io_context io;
    asio::executor_work_guard<asio::io_context::executor_type> guard = asio::make_work_guard(io);
    ManualClock clock{kT0};
    SeededRandom random{9};
    DurableExecutionStore store;
    FakeSdk sdk{store};
    DurableRunner runner{io, store, clock, &sdk};

    explicit Rig(std::optional<std::filesystem::path> dir = std::nullopt) : store(clock, random, AccountRegion{}, dir) {}
};

}  // namespace

TEST_CASE("every resume targets NAME:PINNED even after the alias moved", "[component][durable]") {
    Rig rig;
    rig.runner.start();
    std::optional<ExecutionOutcome> outcome;
    std::string arn;
    asio::co_spawn(rig.io, [&]() -> asio::awaitable<void> {
        DurableStart started = rig.runner.start_execution(demo_start("order-1"), invoke::InvocationType::RequestResponse);
        arn = started.execution.arn;
        REQUIRE(started.completion);
        outcome = co_await std::move(*started.completion);
    }, asio::detached);

    REQUIRE(run_until(rig.io, [&] { return !arn.empty() && has_event(rig.store, arn, "InvocationCompleted"); }));
    CHECK(arn.find(":function:demo:1/durable-execution/order-1/") != std::string::npos);
    CHECK(rig.store.describe(arn).summary.status == ExecutionStatus::Running);

    rig.sdk.live = "2";                 // UpdateAlias live -> 2 during the wait
    rig.clock.advance(59min);           // nothing is due yet
    rig.io.poll();
    CHECK(rig.sdk.targets.size() == 1);
    rig.clock.advance(1min);            // the one-hour wait elapses
    REQUIRE(run_until(rig.io, [&] { return outcome.has_value(); }));

    CHECK(outcome->status == ExecutionStatus::Succeeded);
    CHECK(outcome->result == R"({"codeVersion":"v1"})");
    CHECK(outcome->pinned_version == "1");
    CHECK(rig.sdk.targets == std::vector<std::string>{"demo:1", "demo:1"});
    CHECK(history(rig.store, arn) ==
          std::vector<std::string>{"ExecutionStarted", "StepStarted", "StepSucceeded", "WaitStarted",
                                   "InvocationCompleted", "WaitSucceeded", "StepStarted", "StepSucceeded",
                                   "InvocationCompleted", "ExecutionSucceeded"});
    invoke::InvocationResult sync = sync_invoke_result(*outcome);
    CHECK(sync.payload == R"({"codeVersion":"v1"})");
    CHECK(sync.executed_version == "1");
    CHECK_FALSE(sync.failed());

    // A second start through the moved alias is pinned to the new version; reusing the first name
    // re-attaches to the pinned, closed execution.
    StartRequest next = demo_start("order-2");
    next.pinned_version = "2";
    DurableStart second = rig.runner.start_execution(next, invoke::InvocationType::Event);
    CHECK_FALSE(second.completion);
    CHECK(second.execution.arn.find(":function:demo:2/durable-execution/order-2/") != std::string::npos);
    REQUIRE(run_until(rig.io, [&] { return rig.sdk.targets.size() == 3; }));
    CHECK(rig.sdk.targets.back() == "demo:2");
    StartRequest again = demo_start("order-1");
    again.pinned_version = "2";
    DurableStart reattached = rig.runner.start_execution(again, invoke::InvocationType::Event);
    CHECK_FALSE(reattached.execution.created);
    CHECK(reattached.execution.arn == arn);
    rig.runner.stop();
}

TEST_CASE("a crashed invocation is retried on the same pinned version after a back-off", "[component][durable]") {
    Rig rig;
    rig.sdk.crashes_left = 1;
    rig.runner.start();
    DurableStart started = rig.runner.start_execution(demo_start("crashy"), invoke::InvocationType::Event);
    std::string arn = started.execution.arn;
    REQUIRE(run_until(rig.io, [&] { return has_event(rig.store, arn, "InvocationCompleted"); }));
    rig.sdk.live = "2";
    rig.io.poll();
    CHECK(rig.sdk.targets.size() == 1);  // waiting out the 1 s back-off
    rig.clock.advance(1s);
    REQUIRE(run_until(rig.io, [&] { return has_event(rig.store, arn, "WaitStarted"); }));
    rig.clock.advance(1h);
    REQUIRE(run_until(rig.io, [&] { return rig.store.outcome(arn).has_value(); }));
    CHECK(rig.store.outcome(arn)->result == R"({"codeVersion":"v1"})");
    CHECK(rig.sdk.targets == std::vector<std::string>{"demo:1", "demo:1", "demo:1"});
    const auto events = rig.store.history(arn, false, std::nullopt, 100).items;
    CHECK(events[1].type == EventType::InvocationCompleted);
    CHECK(events[1].error->type == "Runtime.ExitError");
    rig.runner.stop();
}

TEST_CASE("after a restart the invocation that was in flight is re-invoked on the pinned version",
          "[component][durable]") {
    SeededRandom seed(static_cast<std::uint64_t>(std::chrono::steady_clock::now().time_since_epoch().count()));
    std::filesystem::path dir = std::filesystem::temp_directory_path() / ("lemu-durable-runner-" + random_hex(seed, 12));
    std::string arn;
    {
        ManualClock clock(kT0);
        SeededRandom random(1);
        DurableExecutionStore crashed(clock, random, AccountRegion{}, dir);
        arn = crashed.start(demo_start("survivor")).arn;
        REQUIRE(crashed.begin_invocation(arn));  // in flight when the process died
    }
    Rig rig(dir);
    REQUIRE(rig.store.load() == 1);
    rig.sdk.live = "7";
    rig.runner.start();
    REQUIRE(run_until(rig.io, [&] { return has_event(rig.store, arn, "WaitStarted"); }));
    rig.clock.advance(1h);
    REQUIRE(run_until(rig.io, [&] { return rig.store.outcome(arn).has_value(); }));
    CHECK(rig.store.outcome(arn)->status == ExecutionStatus::Succeeded);
    CHECK(rig.sdk.targets == std::vector<std::string>{"demo:1", "demo:1"});
    rig.runner.stop();
    std::filesystem::remove_all(dir);
}

TEST_CASE("a chained invoke of a plain function runs the version resolved at START", "[component][durable]") {
    Rig rig;
    AliasResolver resolver;
    rig.store.set_resolver(&resolver);
    rig.runner.start();
    StartRequest request = demo_start("chain");
    request.function_name = "parent";
    std::optional<ExecutionOutcome> outcome;
    asio::co_spawn(rig.io, [&]() -> asio::awaitable<void> {
        DurableStart started = rig.runner.start_execution(request, invoke::InvocationType::RequestResponse);
        outcome = co_await std::move(*started.completion);
    }, asio::detached);
    REQUIRE(run_until(rig.io, [&] { return outcome.has_value(); }));
    CHECK(outcome->status == ExecutionStatus::Succeeded);
    CHECK(outcome->result == R"("hello from plain 3")");
    CHECK(rig.sdk.targets == std::vector<std::string>{"parent:1", "plain:3", "parent:1"});
    const auto events = rig.store.history(outcome->arn, false, std::nullopt, 100).items;
    CHECK(events[1].type == EventType::ChainedInvokeStarted);
    CHECK(events[1].executed_version == "3");
    CHECK(resolver.calls == 1);
    rig.runner.stop();
}

TEST_CASE("Stop ends a synchronous wait with the STOPPED outcome", "[component][durable]") {
    Rig rig;
    rig.runner.start();
    std::optional<ExecutionOutcome> outcome;
    std::string arn;
    asio::co_spawn(rig.io, [&]() -> asio::awaitable<void> {
        DurableStart started = rig.runner.start_execution(demo_start("stopped"), invoke::InvocationType::RequestResponse);
        arn = started.execution.arn;
        outcome = co_await std::move(*started.completion);
    }, asio::detached);
    REQUIRE(run_until(rig.io, [&] { return !arn.empty() && has_event(rig.store, arn, "WaitStarted"); }));
    rig.store.stop(arn, ErrorObject{"operator said so", "Manual", std::nullopt, std::nullopt});
    REQUIRE(run_until(rig.io, [&] { return outcome.has_value(); }));
    CHECK(outcome->status == ExecutionStatus::Stopped);
    invoke::InvocationResult sync = sync_invoke_result(*outcome);
    CHECK(sync.function_error == "Unhandled");
    CHECK(json::parse(sync.payload) == json{{"errorType", "Manual"}, {"errorMessage", "operator said so"}});
    rig.clock.advance(1h);
    rig.io.poll();
    CHECK(rig.sdk.targets.size() == 1);  // no resume after a stop
    rig.runner.stop();
}

TEST_CASE("the execution deadline ends a synchronous wait with TIMED_OUT", "[component][durable]") {
    Rig rig;
    rig.runner.start();
    StartRequest request = demo_start("slow");
    request.settings.execution_timeout_seconds = 1800;  // shorter than the handler's one-hour wait
    std::optional<ExecutionOutcome> outcome;
    std::string arn;
    asio::co_spawn(rig.io, [&]() -> asio::awaitable<void> {
        DurableStart started = rig.runner.start_execution(request, invoke::InvocationType::RequestResponse);
        arn = started.execution.arn;
        outcome = co_await std::move(*started.completion);
    }, asio::detached);
    REQUIRE(run_until(rig.io, [&] { return !arn.empty() && has_event(rig.store, arn, "InvocationCompleted"); }));
    rig.clock.advance(30min);
    REQUIRE(run_until(rig.io, [&] { return outcome.has_value(); }));
    CHECK(outcome->status == ExecutionStatus::TimedOut);
    CHECK(history(rig.store, arn).back() == "ExecutionTimedOut");
    invoke::InvocationResult sync = sync_invoke_result(*outcome);
    CHECK(sync.function_error == "Unhandled");
    CHECK(json::parse(sync.payload)["errorType"] == "ExecutionTimedOut");
    rig.clock.advance(1h);
    rig.io.poll();
    CHECK(rig.sdk.targets.size() == 1);
    rig.runner.stop();
}
