#include <catch2/catch.hpp>

#include <boost/asio/io_context.hpp>
#include <nlohmann/json.hpp>

#include "emulator/core/aws_error.hpp"
#include "emulator/core/clock.hpp"
#include "emulator/core/random.hpp"
#include "sources/s3/bucket_store.hpp"
#include "sources/s3/notification_dispatcher.hpp"

using namespace lemu;
using namespace lemu::sources::s3;

namespace {

const std::string kFn6 = "arn:aws:lambda:us-east-1:000000000000:function:fn:6";
const std::string kFn5 = "arn:aws:lambda:us-east-1:000000000000:function:fn:5";

// Allows exactly the ARNs it is told to; remembers what it was asked.
struct FakeValidator final : NotificationDestinationValidator {
    std::vector<std::string> allowed;
    mutable std::vector<NotificationDestination> asked;
    bool allows(const NotificationDestination& d) const override {
        asked.push_back(d);
        return std::find(allowed.begin(), allowed.end(), d.function_arn) != allowed.end();
    }
};

struct FakeSink final : S3EventSink {
    std::vector<S3EventDelivery> delivered;
    void deliver(S3EventDelivery d) override { delivered.push_back(std::move(d)); }
};

struct Fixture {
    ManualClock clock;
    SeededRandom random{42};
    FakeValidator validator;
    FakeSink sink;
    BucketStore store{clock, random, AccountRegion{}, validator, sink};
    RequestInfo request{"C3D13FE58DE4C810", "host-id", "203.0.113.10", "AWS:test"};

    Fixture() { store.create_bucket("bucket", "us-east-1", std::nullopt); }
    ObjectPtr put(const std::string& key, std::string body = "x") {
        return store.put_object("bucket", key, std::move(body), {}, request);
    }
    NotificationConfiguration config(std::string arn, std::vector<std::string> events, std::vector<FilterRule> rules = {}) {
        NotificationConfiguration c;
        c.lambda.push_back(LambdaConfiguration{"cfg1", std::move(arn), std::move(events), std::move(rules)});
        return c;
    }
};

std::vector<std::string> keys_of(const ListPage& page) {
    std::vector<std::string> out;
    for (const auto& o : page.contents) {
        out.push_back(o->key);
    }
    return out;
}

}  // namespace

TEST_CASE("BucketStore: buckets and their errors", "[unit][s3]") {
    Fixture f;
    CHECK(f.store.create_bucket("bucket", "us-east-1", std::nullopt).name == "bucket");  // idempotent in us-east-1
    try {
        f.store.create_bucket("bucket", "us-east-1", std::string("eu-west-1"));
        FAIL("re-create with a constraint");
    } catch (const AwsError& e) {
        CHECK(e.name() == "BucketAlreadyOwnedByYou");
        CHECK(e.http_status() == 409);
        CHECK(e.message() == "Your previous request to create the named bucket succeeded and you already own it.");
    }
    try {
        f.store.create_bucket("UPPER", "us-east-1", std::nullopt);
        FAIL("bad name");
    } catch (const AwsError& e) {
        CHECK(e.name() == "InvalidBucketName");
        CHECK(e.message() == "The specified bucket is not valid.");
    }
    f.put("k");
    try {
        f.store.delete_bucket("bucket");
        FAIL("not empty");
    } catch (const AwsError& e) {
        CHECK(e.name() == "BucketNotEmpty");
    }
    try {
        f.store.get_object("nope", "k");
        FAIL("no bucket");
    } catch (const AwsError& e) {
        CHECK(e.name() == "NoSuchBucket");
        CHECK(e.message() == "The specified bucket does not exist");
        CHECK(e.extra().at("BucketName") == "nope");
    }
    f.store.delete_object("bucket", "k", f.request);
    f.store.delete_object("bucket", "k", f.request);  // missing keys delete fine
    f.store.delete_bucket("bucket");
    CHECK_FALSE(f.store.has_bucket("bucket"));
}

TEST_CASE("BucketStore: objects keep MD5 ETags, whole-second times and attributes", "[unit][s3]") {
    Fixture f;
    f.clock.set(TimePoint{std::chrono::milliseconds{1700000000789}});
    ObjectAttributes attrs;
    attrs.content_type = "text/plain";
    attrs.metadata = {{"foo", "bar"}};
    auto o = f.store.put_object("bucket", "a", "something..", attrs, f.request);
    CHECK(o->etag == "\"e9fb1ed1d5eaa36781088aae37acffbd\"");
    CHECK(o->unquoted_etag() == "e9fb1ed1d5eaa36781088aae37acffbd");
    CHECK(o->size == 11);
    CHECK(o->version_id == "null");
    CHECK(epoch_millis(o->last_modified) == 1700000000000);
    CHECK(f.store.get_object("bucket", "a")->attributes.metadata.at(0).second == "bar");
    try {
        f.store.put_object("bucket", std::string(1025, 'k'), "x", {}, f.request);
        FAIL("key too long");
    } catch (const AwsError& e) {
        CHECK(e.name() == "KeyTooLongError");
    }
    auto copy = f.store.copy_object("bucket", "a", "bucket", "b", std::nullopt, f.request);
    CHECK(copy->etag == o->etag);
    CHECK(copy->attributes.content_type == "text/plain");
    CHECK_THROWS_AS(f.store.copy_object("bucket", "a", "bucket", "a", std::nullopt, f.request), AwsError);
}

TEST_CASE("ListObjects: prefix, delimiter, max-keys and continuation", "[unit][s3]") {
    Fixture f;
    for (const char* key : {"a.txt", "dir/1", "dir/2", "dir/sub/3", "e/1", "z"}) {
        f.put(key);
    }
    ListQuery q;
    q.delimiter = "/";
    auto page = f.store.list_objects("bucket", q);
    CHECK(keys_of(page) == std::vector<std::string>{"a.txt", "z"});
    CHECK(page.common_prefixes == std::vector<std::string>{"dir/", "e/"});
    CHECK(page.count() == 4);
    CHECK_FALSE(page.truncated);

    // Paging two entries at a time: common prefixes count toward MaxKeys and are never repeated.
    q.max_keys = 2;
    std::vector<std::string> seen;
    for (int i = 0; i < 5; ++i) {
        page = f.store.list_objects("bucket", q);
        for (const auto& k : keys_of(page)) {
            seen.push_back(k);
        }
        for (const auto& p : page.common_prefixes) {
            seen.push_back(p);
        }
        if (!page.truncated) {
            break;
        }
        q.continue_from = decode_continuation_token(encode_continuation_token(page.last_returned));
    }
    std::sort(seen.begin(), seen.end());
    CHECK(seen == std::vector<std::string>{"a.txt", "dir/", "e/", "z"});

    ListQuery nested;
    nested.prefix = "dir/";
    nested.delimiter = "/";
    page = f.store.list_objects("bucket", nested);
    CHECK(keys_of(page) == std::vector<std::string>{"dir/1", "dir/2"});
    CHECK(page.common_prefixes == std::vector<std::string>{"dir/sub/"});

    ListQuery after;
    after.start_after = "dir/2";
    CHECK(keys_of(f.store.list_objects("bucket", after)) == std::vector<std::string>{"dir/sub/3", "e/1", "z"});

    ListQuery none;
    none.max_keys = 0;
    page = f.store.list_objects("bucket", none);
    CHECK(page.count() == 0);
    CHECK_FALSE(page.truncated);

    ListQuery one;
    one.max_keys = 1;
    page = f.store.list_objects("bucket", one);
    CHECK(keys_of(page) == std::vector<std::string>{"a.txt"});
    CHECK(page.truncated);
    CHECK_FALSE(decode_continuation_token("not-a-token").has_value());
}

TEST_CASE("PutBucketNotificationConfiguration asks the validator about every destination", "[unit][s3]") {
    Fixture f;
    f.validator.allowed = {kFn5};
    NotificationConfiguration both = f.config(kFn6, {"s3:ObjectCreated:*"});
    both.lambda.push_back(LambdaConfiguration{"cfg2", kFn5, {"s3:ObjectRemoved:*"}, {}});
    both.lambda.push_back(LambdaConfiguration{"cfg3", kFn6 + "x", {"s3:ObjectRestore:*"}, {}});
    try {
        f.store.put_notification_configuration("bucket", both, false);
        FAIL("fn:6 is not allowed");
    } catch (const AwsError& e) {
        CHECK(e.name() == "InvalidArgument");
        CHECK(e.http_status() == 400);
        CHECK(e.message() == "Unable to validate the following destination configurations");
        CHECK(e.extra().at("ArgumentName1") == kFn6 + ", null");
        CHECK(e.extra().at("ArgumentValue1") == "Not authorized to invoke function [" + kFn6 + "]");
        CHECK(e.extra().at("ArgumentName2") == kFn6 + "x, null");
        CHECK(e.extra().size() == 4);
    }
    REQUIRE(f.validator.asked.size() == 3);
    CHECK(f.validator.asked[0].source_arn == "arn:aws:s3:::bucket");
    CHECK(f.validator.asked[0].source_account == "000000000000");
    CHECK(f.validator.asked[0].bucket == "bucket");
    CHECK(f.store.notification_configuration("bucket").empty());  // nothing changed

    f.validator.asked.clear();
    f.store.put_notification_configuration("bucket", both, true);  // x-amz-skip-destination-validation
    CHECK(f.validator.asked.empty());
    CHECK(f.store.notification_configuration("bucket").lambda.size() == 3);

    f.store.put_notification_configuration("bucket", {}, false);  // an empty configuration clears
    CHECK(f.store.notification_configuration("bucket").empty());
}

TEST_CASE("object changes become S3 events for the matching configurations", "[unit][s3]") {
    Fixture f;
    f.validator.allowed = {kFn6};
    f.store.put_notification_configuration(
        "bucket", f.config(kFn6, {"s3:ObjectCreated:*", "s3:ObjectRemoved:*"}, {{"prefix", "up/"}}), false);
    f.put("up/a b.txt", "something..");
    f.put("other.txt");
    f.put("up/a b.txt", "again");
    f.store.copy_object("bucket", "up/a b.txt", "bucket", "up/copy", std::nullopt, f.request);
    f.store.delete_objects("bucket", {"up/copy", "up/missing"}, f.request);
    REQUIRE(f.sink.delivered.size() == 4);
    const auto& first = f.sink.delivered[0];
    CHECK(first.function_arn == kFn6);
    CHECK(first.source_arn == "arn:aws:s3:::bucket");
    CHECK(first.source_account == "000000000000");
    CHECK(first.event_name == "ObjectCreated:Put");
    CHECK(first.configuration_id == "cfg1");
    auto rec = nlohmann::json::parse(first.payload)["Records"][0];
    CHECK(rec["s3"]["object"]["key"] == "up/a+b.txt");
    CHECK(rec["s3"]["object"]["size"] == 11);
    CHECK(rec["s3"]["object"]["eTag"] == "e9fb1ed1d5eaa36781088aae37acffbd");
    CHECK(rec["responseElements"]["x-amz-request-id"] == "C3D13FE58DE4C810");
    CHECK(rec["requestParameters"]["sourceIPAddress"] == "203.0.113.10");
    CHECK(f.sink.delivered[2].event_name == "ObjectCreated:Copy");
    CHECK(f.sink.delivered[3].event_name == "ObjectRemoved:Delete");
    // Sequencers strictly increase even when the clock stands still.
    std::string previous;
    for (const auto& d : f.sink.delivered) {
        std::string seq = nlohmann::json::parse(d.payload)["Records"][0]["s3"]["object"]["sequencer"];
        CHECK(seq.size() == 18);
        CHECK(seq > previous);
        previous = seq;
    }
}

TEST_CASE("multipart uploads assemble parts and notify CompleteMultipartUpload", "[unit][s3]") {
    Fixture f;
    f.store.put_notification_configuration("bucket", f.config(kFn6, {"s3:ObjectCreated:CompleteMultipartUpload"}), true);
    auto upload = f.store.create_multipart_upload("bucket", "big", {});
    std::string part1(kMinPartSize, 'a');
    auto p1 = f.store.upload_part("bucket", "big", upload.upload_id, 1, part1, std::nullopt);
    auto p2 = f.store.upload_part("bucket", "big", upload.upload_id, 2, "tail", std::nullopt);
    CHECK_THROWS_AS(f.store.complete_multipart_upload("bucket", "big", upload.upload_id, {{2, p2.etag}, {1, p1.etag}},
                                                      f.request),
                    AwsError);
    CHECK_THROWS_AS(
        f.store.complete_multipart_upload("bucket", "big", upload.upload_id, {{1, "\"bad\""}}, f.request), AwsError);
    auto object =
        f.store.complete_multipart_upload("bucket", "big", upload.upload_id, {{1, p1.etag}, {2, p2.etag}}, f.request);
    CHECK(object->size == kMinPartSize + 4);
    CHECK(object->etag.ends_with("-2\""));
    REQUIRE(f.sink.delivered.size() == 1);
    CHECK(f.sink.delivered[0].event_name == "ObjectCreated:CompleteMultipartUpload");
    try {
        f.store.abort_multipart_upload("bucket", "big", upload.upload_id);
        FAIL("completed uploads are gone");
    } catch (const AwsError& e) {
        CHECK(e.name() == "NoSuchUpload");
        CHECK(e.http_status() == 404);
    }
}

namespace {
struct FakeInvoker final : invoke::FunctionInvoker {
    std::vector<invoke::InvokeCall> calls;
    bool deny = false;
    boost::asio::awaitable<invoke::InvocationResult> invoke(invoke::InvokeCall call) override {
        calls.push_back(call);
        if (deny) {
            throw AwsError(ErrorCode::AccessDenied, "denied");
        }
        invoke::InvocationResult result;
        result.status_code = 202;
        co_return result;
    }
};
}  // namespace

TEST_CASE("the dispatcher invokes the exact ARN asynchronously as s3.amazonaws.com", "[unit][s3]") {
    boost::asio::io_context io;
    FakeInvoker invoker;
    S3NotificationDispatcher dispatcher(io.get_executor(), invoker);
    S3EventDelivery d;
    d.function_arn = kFn6;
    d.payload = R"({"Records":[]})";
    d.source_arn = "arn:aws:s3:::bucket";
    d.source_account = "000000000000";
    dispatcher.deliver(d);
    CHECK(invoker.calls.empty());  // deliver() only schedules
    invoker.deny = true;
    dispatcher.deliver(d);  // a refusal is logged, never thrown at the caller
    io.run();
    REQUIRE(invoker.calls.size() == 2);
    const auto& call = invoker.calls[0];
    CHECK(call.function_name == kFn6);
    CHECK_FALSE(call.qualifier.has_value());
    CHECK(call.type == invoke::InvocationType::Event);
    CHECK(call.payload == d.payload);
    CHECK(call.caller.principal == "s3.amazonaws.com");
    CHECK(call.caller.action == "lambda:InvokeFunction");
    CHECK(call.caller.source_arn == "arn:aws:s3:::bucket");
    CHECK(call.caller.source_account == "000000000000");
    CHECK(call.caller.source == "s3");
}
