#include <catch2/catch.hpp>

#include "control_test_util.hpp"
#include "emulator/core/aws_error.hpp"
#include "sources/esm/event_filter.hpp"
#include "sources/esm/sqs_event.hpp"

using namespace lemu;
using namespace lemu::sources;
using namespace lemu::sources::esm;

namespace {

std::string criteria(const std::vector<std::string>& patterns) {
    nlohmann::json filters = nlohmann::json::array();
    for (const std::string& pattern : patterns) {
        nlohmann::json filter = nlohmann::json::object();
        filter["Pattern"] = pattern;
        filters.push_back(filter);
    }
    nlohmann::json out = nlohmann::json::object();
    out["Filters"] = filters;
    return out.dump();
}

std::string criteria(const std::string& pattern) {
    return criteria(std::vector<std::string>{pattern});
}

nlohmann::ordered_json record(const std::string& body, std::map<std::string, std::string> attributes = {}) {
    sqs::ReceivedMessage m;
    m.message_id = "id";
    m.body = body;
    m.system_attributes = std::move(attributes);
    return sqs_record(m, "arn:aws:sqs:us-east-1:000000000000:q", "us-east-1");
}

bool passes(const std::string& pattern, const std::string& body) {
    return EventFilter::parse(criteria(pattern)).matches(record(body));
}

}  // namespace

TEST_CASE("invalid patterns are refused with AWS's text", "[unit][esm]") {
    for (const std::string& pattern :
         {std::string("null"), std::string("simple string"), std::string(R"({"eventSource": "aws:sqs"})"),
          std::string(R"({"eventSource": []})"), std::string(R"({"body": {"a": [{"nosuch": 1}]}})"),
          std::string(R"({"body": {"a": [{"numeric": [">", "x"]}]}})")}) {
        testing::require_error([&] { EventFilter::parse(criteria(pattern)); },
                               ErrorCode::InvalidParameterValue, "Invalid filter pattern definition.");
    }
    CHECK(EventFilter::parse("").empty());
    CHECK(EventFilter::parse(R"({"Filters":[]})").empty());
}

TEST_CASE("patterns match the record the way Lambda's event filtering does", "[unit][esm]") {
    CHECK(passes(R"({"body": {"my-key": ["my-value"]}})", R"({"my-key": "my-value"})"));
    CHECK_FALSE(passes(R"({"body": {"my-key": ["my-value"]}})", R"({"my-key": "other"})"));
    CHECK_FALSE(passes(R"({"body": {"my-key": ["my-value"]}})", "plain-string"));
    CHECK(passes(R"({"body": {"k": ["a", "b"]}})", R"({"k": "b"})"));
    CHECK(passes(R"({"body": {"k1": ["x"], "k2": ["y"]}})", R"({"k1": "x", "k2": "y"})"));
    CHECK_FALSE(passes(R"({"body": {"k1": ["x"], "k2": ["y"]}})", R"({"k1": "x", "k2": "z"})"));
    CHECK(passes(R"({"body": {"k": [{"exists": true}]}})", R"({"k": 1})"));
    CHECK_FALSE(passes(R"({"body": {"k": [{"exists": true}]}})", R"({"other": 1})"));
    CHECK(passes(R"({"body": {"k": [{"exists": false}]}})", R"({"other": 1})"));
    CHECK(passes(R"({"body": {"n": [{"numeric": [">", 100]}]}})", R"({"n": 101})"));
    CHECK_FALSE(passes(R"({"body": {"n": [{"numeric": [">", 100]}]}})", R"({"n": 100})"));
    CHECK(passes(R"({"body": {"n": [{"numeric": [">=", 100, "<", 200]}]}})", R"({"n": 100})"));
    CHECK_FALSE(passes(R"({"body": {"n": [{"numeric": [">=", 100, "<", 200]}]}})", R"({"n": 200})"));
    CHECK(passes(R"({"body": {"k": [{"prefix": "yes"}]}})", R"({"k": "yes-value"})"));
    CHECK(passes(R"({"body": {"k": [{"suffix": ".jpg"}]}})", R"({"k": "a.jpg"})"));
    CHECK(passes(R"({"body": {"k": [{"anything-but": ["a", "b"]}]}})", R"({"k": "c"})"));
    CHECK_FALSE(passes(R"({"body": {"k": [{"anything-but": "a"}]}})", R"({"k": "a"})"));
    CHECK(passes(R"({"body": {"k": [{"equals-ignore-case": "ABC"}]}})", R"({"k": "abc"})"));
    CHECK(passes(R"({"body": {"k": [1]}})", R"({"k": 1.0})"));
    CHECK(passes(R"({"body": {"tags": ["x"]}})", R"({"tags": ["w", "x"]})"));
    CHECK(passes(R"({"body": {"outer": {"inner": ["v"]}}})", R"({"outer": {"inner": "v"}})"));
    CHECK(passes(R"({"body": ["plain"]})", "plain"));
    CHECK(EventFilter::parse(criteria(R"({"attributes": {"MessageGroupId": ["g1"]}})"))
              .matches(record("x", {{"MessageGroupId", "g1"}})));
    // Any filter matching is enough.
    auto two = criteria(std::vector<std::string>{R"({"body": {"k": ["a"]}})", R"({"body": {"k": ["b"]}})"});
    CHECK(EventFilter::parse(two).matches(record(R"({"k": "b"})")));
    CHECK_FALSE(EventFilter::parse(two).matches(record(R"({"k": "c"})")));
}
