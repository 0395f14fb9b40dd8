// Timers, callbacks, pruning, Stop, execution timeout and invocation results (durable.md §1.4, §1.5,
// §2.7, §2.8, §3.2), driven with fixed instants.

#include "emulator/core/text.hpp"
#include "tests/unit/durable_test_support.hpp"

using namespace lemu;
using namespace lemu::durable;
using namespace lemu::durable::test;
using namespace std::chrono_literals;
using A = OperationAction;
using S = OperationStatus;
using Kind = InvocationOutcome::Kind;

TEST_CASE("a one-hour wait is fast-forwarded and re-invokes with the wait marked updated", "[unit][durable]") {
    Driver d;
    d.begin(kT0);
    d.checkpoint({step("a", A::Start), step("a", A::Succeed, "1"), wait("w", 3600)}, kT0);
    d.finish(Kind::Pending, kT0 + 20ms);
    CHECK_FALSE(d.execution.wants_invocation(kT0 + 20ms));
    CHECK(d.execution.next_due() == kT0 + 1h);

    CHECK_FALSE(d.execution.advance_to(kT0 + 59min));
    CHECK(d.op("w").status == S::Started);
    CHECK(d.execution.advance_to(kT0 + 1h));
    CHECK(d.op("w").status == S::Succeeded);
    CHECK(d.op("w").end_timestamp == kT0 + 1h);
    CHECK(d.execution.wants_invocation(kT0 + 1h));

    InvocationStart resume = d.begin(kT0 + 1h);
    CHECK(resume.pinned_version == "1");
    CHECK(resume.updated_operation_ids == std::vector<std::string>{"w"});
    REQUIRE(resume.operations.size() == 3);
    CHECK(resume.operations[0].type == OperationType::Execution);
    CHECK(resume.operations[2].status == S::Succeeded);
}

TEST_CASE("a step retry goes PENDING, then READY at its next attempt time", "[unit][durable]") {
    Driver d;
    d.begin(kT0);
    d.checkpoint({step("s", A::Start), retry("s", 3, "boom attempt 1")}, kT0);
    const Operation& s = d.op("s");
    CHECK(s.status == S::Pending);
    CHECK(s.attempt == 1);
    CHECK(s.next_attempt == kT0 + 3s);
    CHECK(s.error->message == "boom attempt 1");
    d.finish(Kind::Pending, kT0);
    CHECK(d.execution.next_due() == kT0 + 3s);
    CHECK(d.execution.advance_to(kT0 + 3s));
    CHECK(d.op("s").status == S::Ready);
    d.begin(kT0 + 3s);
    d.checkpoint({step("s", A::Start), step("s", A::Succeed, "\"ok\"")}, kT0 + 3s);
    CHECK(d.op("s").status == S::Succeeded);
    CHECK(d.op("s").attempt == 2);
    CHECK(d.op("s").result == "\"ok\"");
}

TEST_CASE("callbacks: minted ids, success, failure, and closing rules", "[unit][durable]") {
    Driver d;
    d.begin(kT0);
    CheckpointResponse r = d.checkpoint({callback("cb"), callback("cb2")}, kT0);
    REQUIRE(r.operations.size() == 2);
    std::string id = *r.operations[0].callback_id;
    std::string id2 = *r.operations[1].callback_id;
    CHECK(id != id2);
    for (char c : id) {
        CHECK((is_alnum(c) || c == '+' || c == '/' || c == '='));
    }
    CHECK(d.execution.find_callback(id)->id == "cb");
    d.finish(Kind::Pending, kT0);

    d.execution.callback_succeeded(id, R"({"approved":true})", kT0 + 5s);
    CHECK(d.op("cb").status == S::Succeeded);
    CHECK(d.op("cb").result == R"({"approved":true})");
    CHECK(d.execution.wants_invocation(kT0 + 5s));
    AwsError again = thrown([&] { d.execution.callback_succeeded(id, "x", kT0 + 6s); });
    CHECK(again.code() == ErrorCode::CallbackTimeout);
    CHECK(again.name() == "CallbackTimeoutException");
    CHECK(again.http_status() == 400);
    CHECK(thrown([&] { d.execution.callback_heartbeat(id, kT0 + 6s); }).code() == ErrorCode::CallbackTimeout);

    d.execution.callback_failed(id2, ErrorObject{"denied", "Rejected", std::nullopt, std::nullopt}, kT0 + 7s);
    CHECK(d.op("cb2").status == S::Failed);
    CHECK(d.op("cb2").error->type == "Rejected");
    InvocationStart resume = d.begin(kT0 + 8s);
    CHECK(resume.updated_operation_ids == std::vector<std::string>{"cb", "cb2"});
}

TEST_CASE("callback timeout and heartbeat timeout", "[unit][durable]") {
    Driver d;
    d.begin(kT0);
    CheckpointResponse r = d.checkpoint({callback("t", 60, 0), callback("h", 0, 10)}, kT0);
    std::string heartbeat_id = *r.operations[1].callback_id;
    d.finish(Kind::Pending, kT0);
    CHECK(d.execution.next_due() == kT0 + 10s);
    d.execution.callback_heartbeat(heartbeat_id, kT0 + 8s);  // pushes the heartbeat deadline to +18 s
    CHECK(d.execution.next_due() == kT0 + 18s);
    CHECK_FALSE(d.execution.advance_to(kT0 + 17s));
    CHECK(d.execution.advance_to(kT0 + 18s));
    CHECK(d.op("h").status == S::TimedOut);
    CHECK(d.op("h").error->message == "Callback heartbeat timed out");
    CHECK(d.op("t").status == S::Started);
    CHECK(d.execution.advance_to(kT0 + 60s));
    CHECK(d.op("t").status == S::TimedOut);
    CHECK(d.op("t").error->message == "Callback timed out");
    CHECK(thrown([&] { d.execution.callback_heartbeat(heartbeat_id, kT0 + 61s); }).code() ==
          ErrorCode::CallbackTimeout);
    std::vector<std::string> events = d.events();
    CHECK(std::count(events.begin(), events.end(), "CallbackTimedOut") == 2);
}

TEST_CASE("children of a closed CONTEXT are pruned unless ReplayChildren", "[unit][durable]") {
    Driver d;
    d.begin(kT0);
    d.checkpoint({context("c", A::Start), child(step("c-1", A::Start), "c"), child(step("c-1", A::Succeed), "c"),
                  context("k", A::Start), child(context("k-1", A::Start), "k"),
                  child(child(step("k-1-1", A::Start), "k-1"), "k-1")},
                 kT0);
    auto ids = [](const std::vector<Operation>& ops) {
        std::vector<std::string> out;
        for (const Operation& op : ops) {
            out.push_back(op.id);
        }
        return out;
    };
    OperationUpdate c_done = context("c", A::Succeed);
    c_done.payload = "\"c\"";
    OperationUpdate k_done = context("k", A::Succeed);
    k_done.replay_children = true;
    d.checkpoint({c_done}, kT0);
    CHECK(ids(d.execution.visible_operations()) ==
          std::vector<std::string>{d.execution.identity().execution_operation_id, "c", "k", "k-1", "k-1-1"});
    OperationUpdate k1_done = context("k-1", A::Succeed);
    k1_done.parent_id = "k";
    d.checkpoint({k1_done, k_done}, kT0);
    // k replays its children, but k-1 closed without ReplayChildren hides k-1-1.
    CHECK(ids(d.execution.visible_operations()) ==
          std::vector<std::string>{d.execution.identity().execution_operation_id, "c", "k", "k-1"});
    CHECK(d.execution.record().operations.size() == 6);  // pruned operations stay recorded
}

TEST_CASE("Stop closes the execution, fences tokens and callbacks, and is idempotent", "[unit][durable]") {
    Driver d;
    d.begin(kT0);
    CheckpointResponse r = d.checkpoint({callback("cb"), wait("w", 10)}, kT0);
    TimePoint stopped = d.execution.stop(ErrorObject{"operator", "Manual", std::nullopt, std::nullopt}, kT0 + 2s);
    CHECK(stopped == kT0 + 2s);
    CHECK(d.execution.status() == ExecutionStatus::Stopped);
    CHECK(d.execution.record().error->message == "operator");
    CHECK(d.op("w").status == S::Started);  // operations in progress stay as they were
    CHECK(thrown([&] { d.checkpoint({}, kT0 + 3s); }).code() == ErrorCode::InvalidCheckpointToken);
    CHECK(thrown([&] { d.execution.callback_succeeded(*r.operations[0].callback_id, "x", kT0 + 3s); }).code() ==
          ErrorCode::CallbackTimeout);
    CHECK_FALSE(d.execution.advance_to(kT0 + 1h));
    CHECK(d.op("w").status == S::Started);
    d.finish(Kind::Pending, kT0 + 4s);
    CHECK_FALSE(d.execution.wants_invocation(kT0 + 1h));
    CHECK(d.execution.stop(std::nullopt, kT0 + 5s) == kT0 + 2s);
    std::vector<std::string> events = d.events();
    CHECK(events.back() == "InvocationCompleted");
    CHECK(std::count(events.begin(), events.end(), "ExecutionStopped") == 1);
}

TEST_CASE("the execution deadline times the execution out", "[unit][durable]") {
    Driver d;
    d.begin(kT0);
    d.checkpoint({wait("w", 48 * 3600)}, kT0);
    d.finish(Kind::Pending, kT0);
    CHECK(d.execution.next_due() == kT0 + 24h);
    CHECK(d.execution.advance_to(kT0 + 24h));
    CHECK(d.execution.status() == ExecutionStatus::TimedOut);
    CHECK(d.execution.record().end_timestamp == kT0 + 24h);
    CHECK(d.op(d.execution.identity().execution_operation_id).status == S::TimedOut);
    CHECK(d.events().back() == "ExecutionTimedOut");
    CHECK_FALSE(d.execution.wants_invocation(kT0 + 48h));
    CHECK(d.execution.next_due() == kT0 + 24h + 14 * 24h);  // retention
    CHECK(d.execution.purge_at() == kT0 + 24h + 14 * 24h);
}

TEST_CASE("invocation results", "[unit][durable]") {
    SECTION("SUCCEEDED closes with the result") {
        Driver d;
        d.begin(kT0);
        d.finish(Kind::Succeeded, kT0 + 1s, R"({"codeVersion":"v1"})");
        CHECK(d.execution.status() == ExecutionStatus::Succeeded);
        CHECK(d.execution.record().result == R"({"codeVersion":"v1"})");
        CHECK(d.events() == std::vector<std::string>{"ExecutionStarted", "InvocationCompleted", "ExecutionSucceeded"});
    }
    SECTION("FAILED closes with the error") {
        Driver d;
        d.begin(kT0);
        d.execution.finish_invocation(
            d.request_id,
            InvocationOutcome{Kind::Failed, std::nullopt,
                              ErrorObject{"Non-deterministic", "NonDeterministicExecutionError", {}, {}}},
            kT0);
        CHECK(d.execution.status() == ExecutionStatus::Failed);
        CHECK(d.execution.record().error->type == "NonDeterministicExecutionError");
    }
    SECTION("a crash is retried on the same pinned version with back-off") {
        Driver d;
        d.begin(kT0);
        d.finish(Kind::Crashed, kT0);
        CHECK(d.execution.record().consecutive_failures == 1);
        CHECK_FALSE(d.execution.wants_invocation(kT0 + 999ms));
        CHECK(d.execution.next_due() == kT0 + 1s);
        CHECK(d.execution.wants_invocation(kT0 + 1s));
        CHECK(d.begin(kT0 + 1s).pinned_version == "1");
        d.finish(Kind::Crashed, kT0 + 2s);
        CHECK(d.execution.next_due() == kT0 + 4s);  // 2 s back-off
        CHECK(invocation_backoff(10) == 60s);
    }
    SECTION("PENDING with nothing pending is an invalid result and is retried") {
        Driver d;
        d.begin(kT0);
        d.finish(Kind::Pending, kT0);
        CHECK(d.execution.status() == ExecutionStatus::Running);
        CHECK(d.execution.record().consecutive_failures == 1);
        const HistoryEvent& completed = d.execution.record().history.back();
        CHECK(completed.type == EventType::InvocationCompleted);
        CHECK(completed.error->message == "Cannot return PENDING status with no pending operations.");
    }
    SECTION("PENDING while an update waits for delivery re-invokes at once") {
        Driver d;
        d.begin(kT0);
        d.checkpoint({wait("w", 1)}, kT0);
        d.execution.advance_to(kT0 + 1s);
        d.finish(Kind::Pending, kT0 + 1s);
        CHECK(d.execution.wants_invocation(kT0 + 1s));
        CHECK(d.execution.record().consecutive_failures == 0);
    }
    SECTION("a result for another request id is ignored") {
        Driver d;
        d.begin(kT0);
        d.execution.finish_invocation("someone-else", InvocationOutcome{Kind::Succeeded, "1", {}}, kT0);
        CHECK(d.execution.status() == ExecutionStatus::Running);
        CHECK(d.execution.record().in_flight.has_value());
    }
}

TEST_CASE("recover() owes a new invocation for the one lost in flight", "[unit][durable]") {
    Driver d;
    d.begin(kT0);
    d.checkpoint({step("a", A::Start)}, kT0);
    DurableExecution restored = DurableExecution::restore(d.execution.record());
    CHECK_FALSE(restored.wants_invocation(kT0));
    restored.recover();
    CHECK(restored.wants_invocation(kT0));
    CHECK_THROWS_AS(restored.check_state_token(d.token), AwsError);
}
