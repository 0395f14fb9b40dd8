// DurableApiRouter driven in-process through the Dispatcher (no socket): the wire conventions of
// durable.md §2.0 (percent-encoded labels, epoch-second numbers, omitted absent fields, rest-json
// errors) over a real store.

#include <catch2/catch.hpp>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/use_future.hpp>

#include <nlohmann/json.hpp>

#include "emulator/core/random.hpp"
#include "routers/durable/durable_api_router.hpp"
#include "routers/http/dispatcher.hpp"
#include "routers/http/url.hpp"

using namespace lemu;
using namespace lemu::durable;
namespace asio = boost::asio;
using nlohmann::json;

namespace {

const TimePoint kT0 = TimePoint{std::chrono::seconds{1'700'000'000}};

struct Api {
    ManualClock clock{kT0};
    SeededRandom random{11};
    DurableExecutionStore store{clock, random, AccountRegion{}};
    routers::durable::DurableApiRouter router{store, AccountRegion{}};
    http::Dispatcher dispatcher{random};
    asio::io_context io;

    Api() { dispatcher.add(router); }

    http::Response call(std::string method, std::string target, std::string body = "") {
        http::Request request = http::Request::make(std::move(method), std::move(target));
        request.body = std::move(body);
        REQUIRE(dispatcher.route(request) == &router);
        auto future = asio::co_spawn(io, dispatcher.dispatch(request), asio::use_future);
        io.restart();
        io.run();
        return future.get();
    }
    json call_json(std::string method, std::string target, std::string body = "", int status = 200) {
        http::Response r = call(std::move(method), std::move(target), std::move(body));
        INFO(r.body);
        CHECK(r.status == status);
        return json::parse(r.body);
    }
};

std::string enc(const std::string& s) { return http::percent_encode(s); }

void check_error(const http::Response& r, int status, const std::string& type, const std::string& prefix) {
    INFO(r.body);
    CHECK(r.status == status);
    CHECK(r.headers.get("x-amzn-ErrorType") == type);
    json body = json::parse(r.body);
    CHECK(body["Type"] == "User");
    CHECK(body["message"].get<std::string>().starts_with(prefix));
}

StartRequest start(std::string name, std::string qualifier = "live", std::string version = "1") {
    StartRequest r;
    r.function_name = "demo";
    r.start_qualifier = std::move(qualifier);
    r.pinned_version = std::move(version);
    r.settings = DurableSettings{3600, 14};
    r.payload = R"({"n":21})";
    r.name = std::move(name);
    return r;
}

}  // namespace

TEST_CASE("durable API over HTTP: checkpoint, state, callbacks, history, get, list, stop", "[component][durable]") {
    Api api;
    std::string arn = api.store.start(start("order-1")).arn;
    std::string base = "/2025-12-01/durable-executions/" + enc(arn);
    InvocationStart invocation = *api.store.begin_invocation(arn);
    std::string token = invocation.token;

    json updates = json::array({
        {{"Id", "c4ca4238a0b92382"}, {"Type", "STEP"}, {"Action", "START"}, {"Name", "fetch"}, {"SubType", "Step"}},
        {{"Id", "c4ca4238a0b92382"}, {"Type", "STEP"}, {"Action", "SUCCEED"}, {"Payload", "{\"n\":21}"}},
        {{"Id", "c81e728d9d4c2f63"}, {"Type", "WAIT"}, {"Action", "START"}, {"WaitOptions", {{"WaitSeconds", 5}}}},
        {{"Id", "eccbc87e4b5ce2fe"}, {"Type", "CALLBACK"}, {"Action", "START"},
         {"CallbackOptions", {{"TimeoutSeconds", 60}}}},
    });
    std::string request = json{{"CheckpointToken", token}, {"Updates", updates}, {"ClientToken", "ct-1"}}.dump();
    json r = api.call_json("POST", base + "/checkpoint", request);
    std::string next = r["CheckpointToken"];
    const json& ops = r["NewExecutionState"]["Operations"];
    REQUIRE(ops.size() == 3);
    CHECK(ops[0] == json{{"Id", "c4ca4238a0b92382"},
                         {"Name", "fetch"},
                         {"Type", "STEP"},
                         {"SubType", "Step"},
                         {"StartTimestamp", 1'700'000'000.0},
                         {"EndTimestamp", 1'700'000'000.0},
                         {"Status", "SUCCEEDED"},
                         {"StepDetails", {{"Attempt", 1}, {"Result", "{\"n\":21}"}}}});
    CHECK(ops[1]["WaitDetails"] == json{{"ScheduledEndTimestamp", 1'700'000'005.0}});
    std::string callback_id = ops[2]["CallbackDetails"]["CallbackId"];
    CHECK_FALSE(ops[2].contains("EndTimestamp"));

    // The SDK's HTTP retry of the same body gets the same answer.
    CHECK(api.call_json("POST", base + "/checkpoint", request)["CheckpointToken"] == next);
    // A consumed token is fenced with the prefix the SDKs classify on.
    check_error(api.call("POST", base + "/checkpoint", json{{"CheckpointToken", token}}.dump()), 400,
                "InvalidParameterValueException", "Invalid Checkpoint Token");

    json state = api.call_json("GET", base + "/state?CheckpointToken=" + enc(next) + "&MaxItems=2");
    CHECK(state["Operations"].size() == 2);
    CHECK(state["Operations"][0]["Type"] == "EXECUTION");
    CHECK(state["Operations"][0]["ExecutionDetails"] == json{{"InputPayload", "{\"n\":21}"}});
    json rest = api.call_json("GET", base + "/state?CheckpointToken=" + enc(next) + "&Marker=" +
                                         state["NextMarker"].get<std::string>());
    CHECK(rest["Operations"].size() == 2);
    CHECK_FALSE(rest.contains("NextMarker"));

    api.store.finish_invocation(arn, invocation.request_id, InvocationOutcome{InvocationOutcome::Kind::Pending, {}, {}});
    std::string callback = "/2025-12-01/durable-execution-callbacks/" + enc(callback_id);
    CHECK(api.call_json("POST", callback + "/heartbeat") == json::object());
    CHECK(api.call_json("POST", callback + "/succeed", "{\"approved\":true}") == json::object());
    check_error(api.call("POST", callback + "/fail", "{\"ErrorMessage\":\"late\"}"), 400, "CallbackTimeoutException",
                "The callback ID token has either expired");
    check_error(api.call("POST", "/2025-12-01/durable-execution-callbacks/" + enc("bm9+/uZQ==") + "/succeed"), 400,
                "InvalidParameterValueException", "The callback ID is not valid");

    json history = api.call_json("GET", base + "/history?IncludeExecutionData=false&ReverseOrder=true&MaxItems=2");
    REQUIRE(history["Events"].size() == 2);
    CHECK(history["Events"][0]["EventType"] == "CallbackSucceeded");
    CHECK(history["Events"][0]["CallbackSucceededDetails"] == json{{"Result", json::object()}});
    CHECK(history["Events"][1]["EventType"] == "InvocationCompleted");
    CHECK(history.contains("NextMarker"));
    json full = api.call_json("GET", base + "/history");
    CHECK(full["Events"][0]["ExecutionStartedDetails"]["Input"]["Payload"] == "{\"n\":21}");

    json described = api.call_json("GET", base);
    CHECK(described["DurableExecutionArn"] == arn);
    CHECK(described["DurableExecutionName"] == "order-1");
    CHECK(described["FunctionArn"] == "arn:aws:lambda:us-east-1:000000000000:function:demo:live");
    CHECK(described["Version"] == "1");
    CHECK(described["Status"] == "RUNNING");
    CHECK(described["StartTimestamp"] == 1'700'000'000.0);
    CHECK_FALSE(described.contains("EndTimestamp"));
    CHECK_FALSE(described.contains("Result"));

    api.clock.advance(std::chrono::seconds{2});
    json stopped = api.call_json("POST", base + "/stop", "{}");
    CHECK(stopped["StopTimestamp"] == 1'700'000'002.0);
    CHECK(api.call_json("POST", base + "/stop", "{\"ErrorMessage\":\"again\"}")["StopTimestamp"] == 1'700'000'002.0);
    CHECK(api.call_json("GET", base)["Status"] == "STOPPED");

    std::string other = api.store.start(start("order-2", "2", "2")).arn;
    std::string list = "/2025-12-01/functions/demo/durable-executions";
    CHECK(api.call_json("GET", list)["DurableExecutions"] == json::array());  // no qualifier: $LATEST only
    json by_alias = api.call_json("GET", list + "?Qualifier=live&Statuses=RUNNING&Statuses=STOPPED");
    REQUIRE(by_alias["DurableExecutions"].size() == 1);
    CHECK(by_alias["DurableExecutions"][0] == json{{"DurableExecutionArn", arn},
                                                   {"DurableExecutionName", "order-1"},
                                                   {"FunctionArn", "arn:aws:lambda:us-east-1:000000000000:function:demo:live"},
                                                   {"Status", "STOPPED"},
                                                   {"StartTimestamp", 1'700'000'000.0},
                                                   {"EndTimestamp", 1'700'000'002.0}});
    CHECK(api.call_json("GET", "/2025-12-01/functions/" + enc("arn:aws:lambda:us-east-1:000000000000:function:demo:2") +
                                   "/durable-executions?StartedAfter=2023-11-14T22%3A13%3A21.000Z")["DurableExecutions"][0]
                                  ["DurableExecutionArn"] == other);
    CHECK(api.call_json("GET", list + "?Qualifier=2&StartedBefore=2023-11-14T22%3A13%3A19Z")["DurableExecutions"]
              .empty());
    check_error(api.call("GET", list + "?Statuses=DONE"), 400, "ValidationException",
                "1 validation error detected: Value 'DONE' at 'statuses'");
}

TEST_CASE("durable API over HTTP: request validation", "[component][durable]") {
    Api api;
    std::string arn = api.store.start(start("v")).arn;
    std::string base = "/2025-12-01/durable-executions/" + enc(arn);
    std::string token = api.store.begin_invocation(arn)->token;
    auto checkpoint = [&](json body) { return api.call("POST", base + "/checkpoint", body.dump()); };

    check_error(checkpoint(json::object()), 400, "ValidationException",
                "1 validation error detected: Value null at 'checkpointToken' failed to satisfy constraint: Member "
                "must not be null");
    check_error(checkpoint({{"CheckpointToken", "not a token!"}}), 400, "ValidationException",
                "1 validation error detected: Value 'not a token!' at 'checkpointToken'");
    check_error(checkpoint({{"CheckpointToken", token}, {"Updates", {{{"Id", "a"}, {"Type", "TASK"}, {"Action", "START"}}}}}),
                400, "ValidationException",
                "1 validation error detected: Value 'TASK' at 'updates.1.member.type' failed to satisfy constraint: "
                "Member must satisfy enum value set: [EXECUTION, CONTEXT, STEP, WAIT, CALLBACK, CHAINED_INVOKE]");
    check_error(checkpoint({{"CheckpointToken", token},
                            {"Updates", {{{"Id", "a"}, {"Type", "WAIT"}, {"Action", "START"}, {"WaitOptions", {{"WaitSeconds", 0}}}}}}}),
                400, "ValidationException",
                "1 validation error detected: Value '0' at 'updates.1.member.waitOptions.waitSeconds' failed to satisfy "
                "constraint: Member must have value greater than or equal to 1");
    check_error(checkpoint({{"CheckpointToken", token}, {"Updates", {{{"Id", "a b"}, {"Type", "STEP"}, {"Action", "START"}}}}}),
                400, "ValidationException", "1 validation error detected: Value 'a b' at 'updates.1.member.id'");
    check_error(checkpoint({{"CheckpointToken", 7}}), 400, "InvalidRequestContentException", "Could not parse");
    check_error(api.call("POST", base + "/checkpoint", "{not json"), 400, "InvalidRequestContentException",
                "Could not parse request body into json");
    check_error(api.call("GET", base + "/state"), 400, "ValidationException",
                "1 validation error detected: Value null at 'checkpointToken'");
    check_error(api.call("GET", base + "/history?MaxItems=1001"), 400, "ValidationException",
                "1 validation error detected: Value '1001' at 'maxItems'");
    check_error(api.call("GET", "/2025-12-01/durable-executions/" + enc("arn:aws:lambda:us-east-1:000000000000:function:demo:live/durable-execution/a/b")),
                400, "ValidationException", "1 validation error detected: Value 'arn:aws:lambda:us-east-1:000000000000:function:demo:live/durable-execution/a/b' at 'durableExecutionArn'");
    std::string published = "arn:aws:lambda:us-east-1:000000000000:function:demo:$LATEST.PUBLISHED/durable-execution/a/b";
    check_error(api.call("GET", "/2025-12-01/durable-executions/" + enc(published)), 404, "ResourceNotFoundException",
                "Durable execution not found: " + published);
    check_error(api.call("DELETE", base), 404, "UnknownOperationException", "No durable execution operation matches");
    // The valid token still works after all those rejections.
    CHECK(api.call("POST", base + "/checkpoint", json{{"CheckpointToken", token}}.dump()).status == 200);
}
