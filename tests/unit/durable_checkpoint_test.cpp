// CheckpointDurableExecution rules: token fencing, ClientToken replay, all-or-nothing validation and
// every illegal action per operation type (durable.md §1.3, §1.4, §2.2).

#include "tests/unit/durable_test_support.hpp"

using namespace lemu;
using namespace lemu::durable;
using namespace lemu::durable::test;
using A = OperationAction;
using T = OperationType;
using S = OperationStatus;

TEST_CASE("a new execution owes its first invocation with only the EXECUTION operation", "[unit][durable]") {
    Driver d;
    CHECK(d.execution.status() == ExecutionStatus::Running);
    CHECK(d.execution.wants_invocation(kT0));
    InvocationStart s = d.begin(kT0);
    REQUIRE(s.operations.size() == 1);
    CHECK(s.operations[0].type == T::Execution);
    CHECK(s.operations[0].input_payload == R"({"n":21})");
    CHECK(s.function_name == "demo");
    CHECK(s.pinned_version == "1");
    CHECK_FALSE(d.execution.wants_invocation(kT0));  // one invocation in flight at a time
    CHECK(d.events() == std::vector<std::string>{"ExecutionStarted"});
    CHECK(d.execution.record().history[0].event_id == 1);
}

TEST_CASE("only the latest token of the running invocation is accepted", "[unit][durable]") {
    Driver d;
    // No invocation yet: nothing is valid.
    AwsError none = thrown([&] { d.checkpoint({}, kT0); });
    CHECK(none.code() == ErrorCode::InvalidCheckpointToken);
    CHECK(none.name() == "InvalidParameterValueException");
    CHECK(none.http_status() == 400);
    CHECK(none.message().starts_with("Invalid Checkpoint Token"));

    d.begin(kT0);
    std::string first = d.token;
    d.checkpoint({step("a", A::Start)}, kT0);
    CHECK(d.token != first);
    std::string second = d.token;
    d.token = first;  // a zombie presenting a consumed token
    CHECK(thrown([&] { d.checkpoint({}, kT0); }).message().starts_with("Invalid Checkpoint Token"));
    d.token = second;
    d.checkpoint({step("a", A::Succeed, "1")}, kT0);

    // A new invocation fences every token of the previous one.
    std::string old = d.token;
    d.finish(InvocationOutcome::Kind::Crashed, kT0);
    d.token = old;
    CHECK(thrown([&] { d.checkpoint({}, kT0); }).code() == ErrorCode::InvalidCheckpointToken);
}

TEST_CASE("GetDurableExecutionState accepts every token of the running invocation", "[unit][durable]") {
    Driver d;
    d.begin(kT0);
    std::string initial = d.token;
    d.checkpoint({step("a", A::Start)}, kT0);
    CHECK_NOTHROW(d.execution.check_state_token(initial));
    CHECK_NOTHROW(d.execution.check_state_token(d.token));
    CHECK(thrown([&] { d.execution.check_state_token("bm9wZQ=="); }).message().starts_with("Invalid Checkpoint Token"));
    d.execution.stop(std::nullopt, kT0);
    CHECK(thrown([&] { d.execution.check_state_token(initial); }).code() == ErrorCode::InvalidCheckpointToken);
}

TEST_CASE("a retried request with the same token and ClientToken gets the same response", "[unit][durable]") {
    Driver d;
    d.begin(kT0);
    std::string presented = d.token;
    CheckpointResponse first = d.checkpoint({step("a", A::Start), step("a", A::Succeed, "42")}, kT0, "ct-1");
    std::size_t events = d.execution.record().history.size();

    d.token = presented;
    CheckpointResponse again = d.checkpoint({step("a", A::Start), step("a", A::Succeed, "42")}, kT0, "ct-1");
    CHECK(again.token == first.token);
    REQUIRE(again.operations.size() == 1);
    CHECK(again.operations[0].attempt == 1);  // applied once
    CHECK(d.execution.record().history.size() == events);

    // Same consumed token with another ClientToken is a stale request.
    d.token = presented;
    CHECK(thrown([&] { d.checkpoint({}, kT0, "ct-2"); }).code() == ErrorCode::InvalidCheckpointToken);
    // Without a ClientToken there is no replay either.
    d.token = presented;
    CHECK(thrown([&] { d.checkpoint({}, kT0); }).code() == ErrorCode::InvalidCheckpointToken);
}

TEST_CASE("a rejected checkpoint changes nothing and keeps the token valid", "[unit][durable]") {
    Driver d;
    d.begin(kT0);
    std::string token = d.token;
    OperationUpdate bad = update("w", T::Wait, A::Start);  // no WaitOptions
    AwsError e = thrown([&] { d.checkpoint({step("a", A::Start), bad}, kT0); });
    CHECK(e.code() == ErrorCode::InvalidParameterValue);
    CHECK(e.message() == "Operation w: starting a WAIT requires WaitOptions.WaitSeconds.");
    CHECK(d.execution.find("a") == nullptr);
    CHECK(d.execution.record().history.size() == 1);
    CHECK(d.token == token);
    CHECK_NOTHROW(d.checkpoint({step("a", A::Start)}, kT0));
}

namespace {

// Runs `setup` in one checkpoint, then `attempt` in another; true when the second was accepted.
bool accepted(std::vector<OperationUpdate> setup, std::vector<OperationUpdate> attempt,
              std::chrono::seconds advance = std::chrono::seconds{0}) {
    Driver d;
    d.begin(kT0);
    if (!setup.empty()) {
        d.checkpoint(std::move(setup), kT0);
    }
    if (advance.count() > 0) {
        d.execution.advance_to(kT0 + advance);
    }
    try {
        d.checkpoint(std::move(attempt), kT0 + advance);
        return true;
    } catch (const AwsError& e) {
        CHECK(e.code() == ErrorCode::InvalidParameterValue);
        return false;
    }
}

OperationUpdate cancel(std::string id, T type) { return update(std::move(id), type, A::Cancel); }

}  // namespace

TEST_CASE("STEP transitions", "[unit][durable]") {
    CHECK(accepted({}, {step("s", A::Start)}));
    CHECK(accepted({}, {step("s", A::Succeed, "1")}));
    CHECK(accepted({}, {step("s", A::Fail)}));
    CHECK(accepted({}, {retry("s", 1, "boom")}));
    CHECK(accepted({step("s", A::Start)}, {step("s", A::Succeed)}));
    CHECK(accepted({step("s", A::Start)}, {retry("s", 2, "boom")}));
    CHECK(accepted({retry("s", 2, "boom")}, {step("s", A::Start)}, std::chrono::seconds{2}));  // READY
    CHECK(accepted({retry("s", 2, "boom")}, {step("s", A::Succeed)}, std::chrono::seconds{2}));
    // Illegal.
    CHECK_FALSE(accepted({step("s", A::Start)}, {step("s", A::Start)}));
    CHECK_FALSE(accepted({retry("s", 5, "boom")}, {step("s", A::Start)}));  // PENDING
    CHECK_FALSE(accepted({retry("s", 5, "boom")}, {step("s", A::Succeed)}));
    CHECK_FALSE(accepted({retry("s", 5, "boom")}, {retry("s", 5, "again")}));
    CHECK_FALSE(accepted({step("s", A::Succeed)}, {step("s", A::Start)}));
    CHECK_FALSE(accepted({step("s", A::Succeed)}, {step("s", A::Succeed)}));
    CHECK_FALSE(accepted({step("s", A::Fail)}, {step("s", A::Fail)}));
    CHECK_FALSE(accepted({}, {cancel("s", T::Step)}));
    CHECK_FALSE(accepted({step("s", A::Start)}, {cancel("s", T::Step)}));
    OperationUpdate no_options = step("s", A::Retry);
    CHECK_FALSE(accepted({}, {no_options}));
    OperationUpdate both = retry("s", 1, "boom");
    both.payload = "state";
    CHECK_FALSE(accepted({}, {both}));
}

TEST_CASE("CONTEXT transitions", "[unit][durable]") {
    CHECK(accepted({}, {context("c", A::Start)}));
    CHECK(accepted({}, {context("c", A::Succeed)}));
    CHECK(accepted({context("c", A::Start)}, {context("c", A::Succeed)}));
    CHECK(accepted({context("c", A::Start)}, {context("c", A::Fail)}));
    CHECK_FALSE(accepted({context("c", A::Start)}, {context("c", A::Start)}));
    CHECK_FALSE(accepted({context("c", A::Succeed)}, {context("c", A::Succeed)}));
    CHECK_FALSE(accepted({context("c", A::Fail)}, {context("c", A::Start)}));
    CHECK_FALSE(accepted({}, {context("c", A::Retry)}));
    CHECK_FALSE(accepted({context("c", A::Start)}, {cancel("c", T::Context)}));
}

TEST_CASE("WAIT, CALLBACK and CHAINED_INVOKE start once and cancel only while STARTED", "[unit][durable]") {
    CHECK(accepted({}, {wait("w", 5)}));
    CHECK(accepted({wait("w", 5)}, {cancel("w", T::Wait)}));
    CHECK_FALSE(accepted({wait("w", 5)}, {wait("w", 5)}));
    CHECK_FALSE(accepted({}, {cancel("w", T::Wait)}));
    CHECK_FALSE(accepted({wait("w", 5)}, {update("w", T::Wait, A::Succeed)}));
    CHECK_FALSE(accepted({wait("w", 5)}, {update("w", T::Wait, A::Fail)}));
    CHECK_FALSE(accepted({}, {update("w", T::Wait, A::Retry)}));
    CHECK_FALSE(accepted({wait("w", 5)}, {cancel("w", T::Wait)}, std::chrono::seconds{5}));  // SUCCEEDED
    CHECK_FALSE(accepted({}, {wait("w", 5), cancel("w", T::Wait)}));  // same id twice in one request

    CHECK(accepted({}, {callback("cb")}));
    CHECK(accepted({callback("cb")}, {cancel("cb", T::Callback)}));
    CHECK_FALSE(accepted({callback("cb")}, {callback("cb")}));
    CHECK_FALSE(accepted({callback("cb")}, {update("cb", T::Callback, A::Succeed)}));
    CHECK_FALSE(accepted({}, {cancel("cb", T::Callback)}));

    OperationUpdate invoke = update("i", T::ChainedInvoke, A::Start);
    invoke.chained_function_name = "other:live";
    CHECK(accepted({}, {invoke}));  // no resolver: accepted, the operation fails
    CHECK_FALSE(accepted({invoke}, {invoke}));
    CHECK_FALSE(accepted({}, {update("i", T::ChainedInvoke, A::Start)}));  // no ChainedInvokeOptions
    CHECK_FALSE(accepted({}, {cancel("i", T::ChainedInvoke)}));
    CHECK_FALSE(accepted({}, {update("i", T::ChainedInvoke, A::Succeed)}));
}

TEST_CASE("EXECUTION updates: SUCCEED or FAIL, at most one, last", "[unit][durable]") {
    OperationUpdate done = update("execution-result-1", T::Execution, A::Succeed);
    done.payload = R"({"big":true})";
    CHECK(accepted({}, {step("a", A::Start), done}));
    CHECK_FALSE(accepted({}, {done, step("a", A::Start)}));
    CHECK_FALSE(accepted({}, {step("a", A::Start), done, done}));
    CHECK_FALSE(accepted({}, {update("x", T::Execution, A::Start)}));
    CHECK_FALSE(accepted({}, {update("x", T::Execution, A::Retry)}));
    CHECK_FALSE(accepted({}, {update("x", T::Execution, A::Cancel)}));
}

TEST_CASE("per-request rules", "[unit][durable]") {
    // START followed by a finish of the same STEP or CONTEXT is the SDK's batching.
    CHECK(accepted({}, {step("s", A::Start), step("s", A::Succeed, "1")}));
    CHECK(accepted({}, {context("c", A::Start), context("c", A::Succeed)}));
    CHECK_FALSE(accepted({}, {step("s", A::Start), step("s", A::Start)}));
    CHECK_FALSE(accepted({}, {step("s", A::Start), step("s", A::Succeed), step("s", A::Fail)}));
    CHECK_FALSE(accepted({}, {step("s", A::Succeed), step("s", A::Fail)}));
    // Parents must be CONTEXT operations that exist or start earlier in the request.
    CHECK(accepted({}, {context("c", A::Start), child(step("c-1", A::Start), "c")}));
    CHECK(accepted({context("c", A::Start)}, {child(step("c-1", A::Start), "c")}));
    CHECK_FALSE(accepted({}, {child(step("c-1", A::Start), "c"), context("c", A::Start)}));
    CHECK_FALSE(accepted({}, {child(step("c-1", A::Start), "nobody")}));
    CHECK_FALSE(accepted({step("s", A::Start)}, {child(step("c-1", A::Start), "s")}));
    // SUCCEED carries no Error, FAIL no Payload.
    OperationUpdate succeed_with_error = step("s", A::Succeed);
    succeed_with_error.error = ErrorObject{};
    CHECK_FALSE(accepted({}, {succeed_with_error}));
    CHECK_FALSE(accepted({}, {step("s", A::Fail, "payload")}));
    // An id keeps its type.
    CHECK_FALSE(accepted({step("s", A::Start)}, {context("s", A::Succeed)}));
}

TEST_CASE("validation messages name the operation and the rule", "[unit][durable]") {
    Driver d;
    d.begin(kT0);
    d.checkpoint({step("s", A::Start), step("s", A::Succeed)}, kT0);
    CHECK(thrown([&] { d.checkpoint({step("s", A::Start)}, kT0); }).message() ==
          "Operation s: cannot START a STEP operation in status SUCCEEDED.");
    CHECK(thrown([&] { d.checkpoint({cancel("w", T::Wait)}, kT0); }).message() ==
          "Operation w: cannot CANCEL a WAIT operation that does not exist.");
    CHECK(thrown([&] { d.checkpoint({context("s", A::Start)}, kT0); }).message() ==
          "Operation s is a STEP operation, not CONTEXT.");
}

TEST_CASE("the response carries touched operations and backend changes, once", "[unit][durable]") {
    Driver d;
    d.begin(kT0);
    CheckpointResponse r = d.checkpoint({wait("w", 5), step("s", A::Start)}, kT0);
    REQUIRE(r.operations.size() == 2);
    CHECK(r.operations[0].id == "w");
    CHECK(r.operations[0].scheduled_end == kT0 + std::chrono::seconds{5});
    CHECK(r.operations[1].id == "s");

    d.execution.advance_to(kT0 + std::chrono::seconds{5});  // the wait elapses during the invocation
    CheckpointResponse poll = d.checkpoint({}, kT0 + std::chrono::seconds{6});
    REQUIRE(poll.operations.size() == 1);
    CHECK(poll.operations[0].id == "w");
    CHECK(poll.operations[0].status == S::Succeeded);
    CHECK(d.checkpoint({}, kT0 + std::chrono::seconds{7}).operations.empty());
}

TEST_CASE("an EXECUTION checkpoint closes the execution and fences the handler", "[unit][durable]") {
    Driver d;
    d.begin(kT0);
    OperationUpdate done = update("execution-result-1", T::Execution, A::Succeed);
    done.payload = R"({"big":true})";
    std::string presented = d.token;
    CheckpointResponse r = d.checkpoint({done}, kT0, "ct");
    CHECK(d.execution.status() == ExecutionStatus::Succeeded);
    CHECK(d.execution.record().result == R"({"big":true})");
    REQUIRE(r.operations.size() == 1);
    CHECK(r.operations[0].type == T::Execution);
    CHECK(r.operations[0].status == S::Succeeded);
    CHECK(thrown([&] { d.checkpoint({}, kT0); }).code() == ErrorCode::InvalidCheckpointToken);
    // The lost-response retry still gets its answer.
    d.token = presented;
    CHECK(d.checkpoint({done}, kT0, "ct").token == r.token);
    // The handler's own result ({"Status":"SUCCEEDED","Result":""}) is ignored afterwards.
    d.finish(InvocationOutcome::Kind::Succeeded, kT0, "");
    CHECK(d.execution.record().result == R"({"big":true})");
    CHECK(d.events() == std::vector<std::string>{"ExecutionStarted", "ExecutionSucceeded", "InvocationCompleted"});
}
