// The durable wire shapes: operations (epoch seconds on REST, epoch millis in the invocation event),
// the invocation event and its paging, the handler's result, and update parsing.

#include "emulator/durable/wire_codec.hpp"
#include "tests/unit/durable_test_support.hpp"

using namespace lemu;
using namespace lemu::durable;
using namespace lemu::durable::test;
using namespace std::chrono_literals;
using nlohmann::json;
using Kind = InvocationOutcome::Kind;

TEST_CASE("operations carry epoch seconds on REST and epoch millis in the invocation event", "[unit][durable]") {
    Driver d;
    d.begin(kT0);
    d.checkpoint({wait("w", 5)}, kT0 + 250ms);
    const Operation& w = d.op("w");
    CHECK(wire::operation_to_json(w, wire::TimeFormat::EpochSeconds) ==
          json{{"Id", "w"}, {"Name", "pause"}, {"Type", "WAIT"}, {"SubType", "Wait"},
               {"StartTimestamp", 1'700'000'000.25}, {"Status", "STARTED"},
               {"WaitDetails", {{"ScheduledEndTimestamp", 1'700'000'005.25}}}});
    CHECK(wire::operation_to_json(w, wire::TimeFormat::EpochMillis)["WaitDetails"]["ScheduledEndTimestamp"] ==
          1'700'000'005'250LL);
}

TEST_CASE("the invocation event (durable.md §3.1)", "[unit][durable]") {
    Driver d;
    InvocationStart start = d.begin(kT0);
    json event = json::parse(wire::invocation_event(start));
    CHECK(event["DurableExecutionArn"] == d.execution.arn());
    CHECK(event["CheckpointToken"] == start.token);
    CHECK(event["UpdatedOperationIds"] == json::array());
    REQUIRE(event["InitialExecutionState"]["Operations"].size() == 1);
    CHECK(event["InitialExecutionState"]["Operations"][0] ==
          json{{"Id", "0a1b2c3d4e5f60718293a4b5c6d7e8f9"},
               {"Type", "EXECUTION"},
               {"StartTimestamp", 1'700'000'000'000LL},
               {"Status", "STARTED"},
               {"ExecutionDetails", {{"InputPayload", "{\"n\":21}"}}}});
    CHECK_FALSE(event["InitialExecutionState"].contains("NextMarker"));

    // An empty input is omitted: the JS SDK would JSON.parse("") and throw; absent means {} to it.
    SeededRandom random(1);
    DurableExecution empty = DurableExecution::create(identity("e", ""), std::nullopt, random);
    json e = json::parse(wire::invocation_event(empty.begin_invocation(kT0, random)));
    CHECK(e["InitialExecutionState"]["Operations"][0]["ExecutionDetails"] == json::object());
}

TEST_CASE("a large state pages through NextMarker and GetDurableExecutionState", "[unit][durable]") {
    Driver d;
    d.begin(kT0);
    std::vector<OperationUpdate> updates;
    for (int i = 0; i < 6; ++i) {
        updates.push_back(step("s" + std::to_string(i), OperationAction::Succeed, std::string(100, 'x')));
    }
    d.checkpoint(updates, kT0);
    d.finish(Kind::Crashed, kT0);
    InvocationStart start = d.begin(kT0 + 1s);
    json event = json::parse(wire::invocation_event(start, 600));
    std::size_t first = event["InitialExecutionState"]["Operations"].size();
    CHECK(first >= 1);
    CHECK(first < 7);
    CHECK(event["InitialExecutionState"]["NextMarker"] == std::to_string(first));
    // The marker indexes the same pruned list GetDurableExecutionState pages.
    std::vector<Operation> all = d.execution.visible_operations();
    CHECK(all[first].id == start.operations[first].id);
}

TEST_CASE("the handler's result (durable.md §3.2)", "[unit][durable]") {
    auto parse = [](std::string_view payload, bool failed = false) { return wire::parse_invocation_result(payload, failed); };
    InvocationOutcome ok = parse(R"({"Status":"SUCCEEDED","Result":"{\"b\":42}"})");
    CHECK(ok.kind == Kind::Succeeded);
    CHECK(ok.result == "{\"b\":42}");
    CHECK(parse(R"({"Status":"SUCCEEDED"})").kind == Kind::Succeeded);  // the handler returned undefined
    CHECK_FALSE(parse(R"({"Status":"SUCCEEDED"})").result);
    InvocationOutcome failed =
        parse(R"({"Status":"FAILED","Error":{"ErrorType":"NonDeterministicExecutionError","ErrorMessage":"m","StackTrace":["a","b"]}})");
    CHECK(failed.kind == Kind::Failed);
    CHECK(failed.error->type == "NonDeterministicExecutionError");
    CHECK(failed.error->stack_trace == std::vector<std::string>{"a", "b"});
    CHECK(parse(R"({"Status":"PENDING"})").kind == Kind::Pending);
    CHECK(parse(R"({"Status":"SUCCEEDED","Error":{}})").kind == Kind::Invalid);
    CHECK(parse(R"({"Status":"FAILED","Result":"x"})").kind == Kind::Invalid);
    CHECK(parse(R"({"Status":"DONE"})").kind == Kind::Invalid);
    CHECK(parse(R"("just a string")").kind == Kind::Invalid);
    CHECK(parse("not json").kind == Kind::Invalid);
    InvocationOutcome crash = parse(R"({"errorType":"Runtime.ExitError","errorMessage":"exit status 1"})", true);
    CHECK(crash.kind == Kind::Crashed);
    CHECK(crash.error->type == "Runtime.ExitError");
    CHECK(crash.error->message == "exit status 1");
}

TEST_CASE("updates are parsed with the model's constraints", "[unit][durable]") {
    json j = {{"Id", "c4ca4238a0b92382"},
              {"ParentId", "ea66c06c1e1c05fa"},
              {"Name", "fetch user"},
              {"Type", "STEP"},
              {"SubType", "Step"},
              {"Action", "RETRY"},
              {"Error", {{"ErrorMessage", "boom"}, {"ErrorType", "Error"}, {"StackTrace", {"at x"}}}},
              {"StepOptions", {{"NextAttemptDelaySeconds", 2}}}};
    OperationUpdate u = wire::update_from_json(j, 0);
    CHECK(u.id == "c4ca4238a0b92382");
    CHECK(u.parent_id == "ea66c06c1e1c05fa");
    CHECK(u.type == OperationType::Step);
    CHECK(u.action == OperationAction::Retry);
    CHECK(u.has_step_options);
    CHECK(u.next_attempt_delay_seconds == 2);
    CHECK(u.error->stack_trace == std::vector<std::string>{"at x"});

    auto message = [](json update) { return thrown([&] { wire::update_from_json(update, 2); }).message(); };
    CHECK(message({{"Type", "STEP"}, {"Action", "START"}}) ==
          "1 validation error detected: Value null at 'updates.3.member.id' failed to satisfy constraint: Member must "
          "not be null");
    CHECK(message({{"Id", std::string(65, 'a')}, {"Type", "STEP"}, {"Action", "START"}}) ==
          "1 validation error detected: Value '" + std::string(65, 'a') +
              "' at 'updates.3.member.id' failed to satisfy constraint: Member must have length less than or equal to 64");
    CHECK(message({{"Id", "a"}, {"Type", "STEP"}, {"Action", "PAUSE"}}) ==
          "1 validation error detected: Value 'PAUSE' at 'updates.3.member.action' failed to satisfy constraint: Member "
          "must satisfy enum value set: [START, SUCCEED, FAIL, RETRY, CANCEL]");
    CHECK(message({{"Id", "a"}, {"Type", "STEP"}, {"Action", "RETRY"}, {"StepOptions", {{"NextAttemptDelaySeconds", 31622401}}}}) ==
          "1 validation error detected: Value '31622401' at 'updates.3.member.stepOptions.nextAttemptDelaySeconds' "
          "failed to satisfy constraint: Member must have value less than or equal to 31622400");
    CHECK(message({{"Id", "a"}, {"Type", "CALLBACK"}, {"Action", "START"}, {"CallbackOptions", {{"TimeoutSeconds", -1}}}}) ==
          "1 validation error detected: Value '-1' at 'updates.3.member.callbackOptions.timeoutSeconds' failed to "
          "satisfy constraint: Member must have value greater than or equal to 0");
    CHECK(thrown([&] { wire::update_from_json({{"Id", 5}, {"Type", "STEP"}, {"Action", "START"}}, 0); }).code() ==
          ErrorCode::InvalidRequestContent);
    CHECK(thrown([&] { wire::update_from_json({{"Id", "a"}, {"Type", "STEP"}, {"Action", "START"}, {"Name", "tab\there"}}, 0); })
              .code() == ErrorCode::Validation);
}
