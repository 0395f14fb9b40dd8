#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "emulator/core/aws_error.hpp"
#include "emulator/core/random.hpp"
#include "sources/s3/notification_configuration.hpp"
#include "sources/s3/s3_event.hpp"

using namespace lemu;
using namespace lemu::sources::s3;

namespace {

const std::string kArn = "arn:aws:lambda:us-east-1:000000000000:function:fn:6";

LambdaConfiguration lambda(std::vector<std::string> events, std::vector<FilterRule> rules = {}, std::string arn = kArn) {
    return LambdaConfiguration{"", std::move(arn), std::move(events), std::move(rules)};
}

AwsError validation_failure(NotificationConfiguration config) {
    SeededRandom random(1);
    try {
        validate_configuration(config, random);
    } catch (const AwsError& e) {
        return e;
    }
    FAIL("expected the configuration to be rejected");
    throw std::logic_error("unreachable");
}

}  // namespace

TEST_CASE("notification configuration: ids generated, rule names capitalised", "[unit][s3]") {
    NotificationConfiguration config;
    config.lambda.push_back(lambda({"s3:ObjectCreated:*"}, {{"PREFIX", "uploads/"}, {"suffix", ".jpg"}}));
    config.lambda.back().id = "cfg1";
    config.lambda.push_back(lambda({"s3:ObjectRemoved:Delete"}, {{"prefix", ""}}));
    SeededRandom random(7);
    validate_configuration(config, random);
    CHECK(config.lambda[0].id == "cfg1");
    CHECK(config.lambda[0].filter_rules[0].name == "Prefix");
    CHECK(config.lambda[0].filter_rules[1].name == "Suffix");
    CHECK(config.lambda[1].id.size() == 36);
    CHECK(config.lambda[1].filter_rules[0].value.empty());  // an empty value is kept
}

TEST_CASE("notification configuration: AWS's validation errors", "[unit][s3]") {
    NotificationConfiguration bad_arn;
    bad_arn.lambda.push_back(lambda({"s3:Nope"}));  // the ARN check wins over the event check
    bad_arn.lambda.push_back(lambda({"s3:ObjectCreated:*"}, {}, "invalid-arn"));
    AwsError e = validation_failure(bad_arn);
    CHECK(e.name() == "InvalidArgument");
    CHECK(e.message() == "The ARN could not be parsed");
    CHECK(e.extra().at("ArgumentName") == "CloudFunction");
    CHECK(e.extra().at("ArgumentValue") == "invalid-arn");

    NotificationConfiguration bad_event;
    bad_event.lambda.push_back(lambda({"s3:ObjectCreated:Nope"}));
    CHECK(validation_failure(bad_event).message() == "The event is not supported for notifications");

    NotificationConfiguration bad_rule;
    bad_rule.lambda.push_back(lambda({"s3:ObjectCreated:*"}, {{"INVALID", "x"}}));
    e = validation_failure(bad_rule);
    CHECK(e.message() == "filter rule name must be either prefix or suffix");
    CHECK(e.extra().at("ArgumentName") == "FilterRule.Name");
    CHECK(e.extra().at("ArgumentValue") == "INVALID");

    NotificationConfiguration two_prefixes;
    two_prefixes.lambda.push_back(lambda({"s3:ObjectCreated:*"}, {{"prefix", "a"}, {"Prefix", "b"}}));
    CHECK(validation_failure(two_prefixes).message() == "Cannot specify more than one prefix rule in a filter.");

    NotificationConfiguration overlap;
    overlap.lambda.push_back(lambda({"s3:ObjectCreated:*"}));
    overlap.lambda.push_back(lambda({"s3:ObjectCreated:Put"}));
    CHECK(validation_failure(overlap).message() ==
          "Configurations overlap. Configurations on the same bucket cannot share a common event type.");
}

TEST_CASE("overlap needs a shared event type and a key both filters admit", "[unit][s3]") {
    using V = std::vector<std::string>;
    CHECK(events_overlap(V{"s3:ObjectCreated:*"}, V{"s3:ObjectCreated:Copy"}));
    CHECK(events_overlap(V{"s3:ObjectCreated:Put"}, V{"s3:ObjectCreated:Put"}));
    CHECK_FALSE(events_overlap(V{"s3:ObjectCreated:*"}, V{"s3:ObjectRemoved:*"}));
    CHECK_FALSE(events_overlap(V{"s3:ObjectCreated:Put"}, V{"s3:ObjectCreated:Copy"}));

    using R = std::vector<FilterRule>;
    CHECK_FALSE(filters_overlap(R{{"Prefix", "images/"}}, R{{"Prefix", "logs/"}}));
    CHECK(filters_overlap(R{{"Prefix", "images"}}, R{{"Prefix", "images/"}}));
    CHECK(filters_overlap(R{{"Prefix", "images/"}}, R{{"Suffix", ".jpg"}}));
    CHECK_FALSE(filters_overlap(R{{"Prefix", "a/"}, {"Suffix", ".jpg"}}, R{{"Prefix", "a/"}, {"Suffix", ".png"}}));
    CHECK(filters_overlap(R{}, R{{"Suffix", ".png"}}));

    NotificationConfiguration fine;
    fine.lambda.push_back(lambda({"s3:ObjectCreated:*"}, {{"prefix", "images/"}}));
    fine.lambda.push_back(lambda({"s3:ObjectCreated:*"}, {{"prefix", "logs/"}}));
    fine.lambda.push_back(lambda({"s3:ObjectRemoved:*"}));
    SeededRandom random(3);
    CHECK_NOTHROW(validate_configuration(fine, random));
}

TEST_CASE("configurations match event names with wildcards and filters on the encoded key", "[unit][s3]") {
    auto c = lambda({"s3:ObjectCreated:*", "s3:ObjectRemoved:Delete"}, {{"Prefix", "uploads/"}, {"Suffix", ".jpg"}});
    CHECK(configuration_matches(c, "s3:ObjectCreated:Put", "uploads/cat.jpg"));
    CHECK(configuration_matches(c, "s3:ObjectCreated:CompleteMultipartUpload", "uploads/a/b.jpg"));
    CHECK(configuration_matches(c, "s3:ObjectRemoved:Delete", "uploads/cat.jpg"));
    CHECK_FALSE(configuration_matches(c, "s3:ObjectRemoved:DeleteMarkerCreated", "uploads/cat.jpg"));
    CHECK_FALSE(configuration_matches(c, "s3:ObjectCreated:Put", "other/cat.jpg"));
    CHECK_FALSE(configuration_matches(c, "s3:ObjectCreated:Put", "uploads/cat.png"));
    // AWS: a space in a filter value is written as '+', because keys are matched URL-encoded.
    auto spaced = lambda({"s3:ObjectCreated:Put"}, {{"Prefix", "my+dir/"}});
    CHECK(configuration_matches(spaced, "s3:ObjectCreated:Put", encode_event_key("my dir/x")));
}

TEST_CASE("S3 event document shape", "[unit][s3]") {
    S3EventRecord r;
    r.event_name = "ObjectCreated:Put";
    r.time = TimePoint{std::chrono::milliseconds{1767268800123}};
    r.region = "us-east-1";
    r.bucket = "my-bucket";
    r.bucket_owner_id = owner_principal_id("000000000000");
    r.key = "uploads/red flower@x.jpg";
    r.size = 11;
    r.etag = "e9fb1ed1d5eaa36781088aae37acffbd";
    r.sequencer = format_sequencer(0x55AED6DCD90281E5ULL);
    r.configuration_id = "cfg1";
    r.request = RequestInfo{"C3D13FE58DE4C810", "FMyUVURIY8/IgAtTv8xRjskZQp", "203.0.113.10", "AWS:AIDAEXAMPLE"};
    auto doc = nlohmann::json::parse(build_s3_event(r));
    REQUIRE(doc["Records"].size() == 1);
    const auto& rec = doc["Records"][0];
    CHECK(rec["eventVersion"] == "2.1");
    CHECK(rec["eventSource"] == "aws:s3");
    CHECK(rec["awsRegion"] == "us-east-1");
    CHECK(rec["eventTime"] == "2026-01-01T12:00:00.123Z");
    CHECK(rec["eventName"] == "ObjectCreated:Put");
    CHECK(rec["userIdentity"]["principalId"] == "AWS:AIDAEXAMPLE");
    CHECK(rec["requestParameters"]["sourceIPAddress"] == "203.0.113.10");
    CHECK(rec["responseElements"]["x-amz-request-id"] == "C3D13FE58DE4C810");
    CHECK(rec["responseElements"]["x-amz-id-2"] == "FMyUVURIY8/IgAtTv8xRjskZQp");
    const auto& s3 = rec["s3"];
    CHECK(s3["s3SchemaVersion"] == "1.0");
    CHECK(s3["configurationId"] == "cfg1");
    CHECK(s3["bucket"]["name"] == "my-bucket");
    CHECK(s3["bucket"]["arn"] == "arn:aws:s3:::my-bucket");
    CHECK(s3["bucket"]["ownerIdentity"]["principalId"].get<std::string>().starts_with("A"));
    CHECK(s3["object"]["key"] == "uploads/red+flower%40x.jpg");
    CHECK(s3["object"]["size"] == 11);
    CHECK(s3["object"]["eTag"] == "e9fb1ed1d5eaa36781088aae37acffbd");
    CHECK(s3["object"]["sequencer"] == "0055AED6DCD90281E5");

    r.event_name = "ObjectRemoved:Delete";
    r.size.reset();
    r.etag.reset();
    auto removed = nlohmann::json::parse(build_s3_event(r))["Records"][0]["s3"]["object"];
    CHECK(removed.size() == 2);  // key and sequencer only
    CHECK(removed.contains("sequencer"));
}

TEST_CASE("event keys are form-URL-encoded, slashes kept", "[unit][s3]") {
    CHECK(encode_event_key("a@b") == "a%40b");
    CHECK(encode_event_key("red flower.jpg") == "red+flower.jpg");
    CHECK(encode_event_key("dir/a+b.txt") == "dir/a%2Bb.txt");
    CHECK(encode_event_key("caf\xC3\xA9") == "caf%C3%A9");
    CHECK(format_sequencer(1) == "000000000000000001");
    CHECK(format_sequencer(0xFF) < format_sequencer(0x100));
}
