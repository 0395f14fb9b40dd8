#include <catch2/catch.hpp>

#include <chrono>

#include "emulator/core/aws_error.hpp"
#include "emulator/core/clock.hpp"
#include "emulator/core/random.hpp"
#include "sources/sqs/message_attributes.hpp"
#include "sources/sqs/queue_store.hpp"
#include "sources/sqs/receipt_handle.hpp"

using namespace lemu;
using namespace lemu::sources::sqs;
using std::chrono::seconds;

namespace {

struct Fixture {
    ManualClock clock;
    SeededRandom random{42};
    QueueStore store{AccountRegion{}, clock, random};

    SendResult send(const std::string& queue, std::string body, std::optional<std::string> group = std::nullopt,
                    std::optional<std::string> dedup = std::nullopt) {
        SendRequest r;
        r.body = std::move(body);
        r.group_id = std::move(group);
        r.deduplication_id = std::move(dedup);
        r.sender_id = "000000000000";
        return store.send(queue, std::move(r));
    }
    std::vector<ReceivedMessage> receive(const std::string& queue, int max = 10, std::optional<int> visibility = {}) {
        ReceiveRequest r;
        r.max_messages = max;
        r.visibility_timeout = visibility;
        r.system_attribute_names = {"All"};
        r.attribute_names = {"All"};
        return store.receive(queue, r).messages;
    }
};

MessageAttributeValue str(std::string type, std::string value) {
    MessageAttributeValue v;
    v.data_type = std::move(type);
    v.string_value = std::move(value);
    return v;
}

template <class F>
AwsError error_of(F&& f) {
    try {
        f();
    } catch (const AwsError& e) {
        return e;
    }
    FAIL("expected an AwsError");
    throw std::logic_error("unreachable");
}

}  // namespace

TEST_CASE("message attribute digests match values AWS returned", "[unit][sqs]") {
    CHECK(md5_of_attributes({{"Author", str("String", "John Grisham")},
                             {"Title", str("String", "The Whistler")},
                             {"WeeksOn", str("Number", "6")}}) == "d25a6aea97eb8f585bfa92d314504a92");
    CHECK(md5_of_attributes({{"Foo", str("String", "Bar")}}) == "ae7155c6026991b6d54b11589678bf9c");
    CHECK(md5_of_attributes({{"General", str("String", "Kenobi")},
                             {"Hello", str("String", "There")},
                             {"Help.Me", str("String", "Me")}}) == "4c360f3fdafd970e05fae2f149d997f5");
    CHECK(md5_of_attributes({{"UserId", str("Number.bigint", "1234567890123456789012")}}) ==
          "797ab158d73dcb5242dedc4412c8e855");
    CHECK(md5_of_attributes({{"AWSTraceHeader", str("String", "some-trace-id")}}) ==
          "fdce4f2818803f2f73becc09a54792c0");
    MessageAttributeValue binary;
    binary.data_type = "Binary";
    binary.binary_value = std::string("traceparent\x1e" "00-774062d6c37081a5a0b9b5b88e30627c-2d2482211f6489da-01");
    CHECK(md5_of_attributes({{"attr1", binary}}) == "8cbe4db156db8a94db8b801b7addb984");
    CHECK_FALSE(md5_of_attributes({}).has_value());
}

TEST_CASE("send returns AWS's body and attribute digests", "[unit][sqs]") {
    Fixture f;
    f.store.create_queue("q", {}, {});
    SendRequest r;
    r.body = "message";
    r.attributes = {{"Hello", str("String", "World")}};
    r.system_attributes = {{"AWSTraceHeader", str("String", "some-value")}};
    SendResult sent = f.store.send("q", r);
    CHECK(sent.md5_of_body == "78e731027d8fd50ed642340b7c9a63b3");
    CHECK(sent.md5_of_attributes == "7db7fb1ba7f41366a8ea5eb18220b26d");
    CHECK(sent.md5_of_system_attributes == "a3263a0cbc09023ccd431feb61438309");
    CHECK_FALSE(sent.sequence_number.has_value());
    auto got = f.receive("q");
    REQUIRE(got.size() == 1);
    CHECK(got[0].message_id == sent.message_id);
    CHECK(got[0].md5_of_body == sent.md5_of_body);
    CHECK(got[0].md5_of_attributes == sent.md5_of_attributes);
    CHECK(got[0].system_attributes.at("AWSTraceHeader") == "some-value");
}

TEST_CASE("a received message is invisible until its visibility timeout ends", "[unit][sqs]") {
    Fixture f;
    f.store.create_queue("q", {{"VisibilityTimeout", "30"}}, {});
    f.send("q", "a");
    auto first = f.receive("q");
    REQUIRE(first.size() == 1);
    CHECK(first[0].system_attributes.at("ApproximateReceiveCount") == "1");
    CHECK(f.store.get_attributes("q", {"ApproximateNumberOfMessagesNotVisible"}).at(
              "ApproximateNumberOfMessagesNotVisible") == "1");
    f.clock.advance(seconds(29));
    CHECK(f.receive("q").empty());
    f.clock.advance(seconds(1));
    auto second = f.receive("q");
    REQUIRE(second.size() == 1);
    CHECK(second[0].system_attributes.at("ApproximateReceiveCount") == "2");
    CHECK(second[0].system_attributes.at("ApproximateFirstReceiveTimestamp") ==
          first[0].system_attributes.at("ApproximateFirstReceiveTimestamp"));
    CHECK(second[0].receipt_handle != first[0].receipt_handle);
}

TEST_CASE("ChangeMessageVisibility extends, ends and bounds the timeout", "[unit][sqs]") {
    Fixture f;
    f.store.create_queue("q", {}, {});
    f.send("q", "a");
    auto got = f.receive("q", 1, 10);
    REQUIRE(got.size() == 1);
    f.store.change_visibility("q", got[0].receipt_handle, 100);
    f.clock.advance(seconds(50));
    CHECK(f.receive("q").empty());
    f.store.change_visibility("q", got[0].receipt_handle, 0);
    auto again = f.receive("q", 1, 43'000);
    REQUIRE(again.size() == 1);
    f.clock.advance(seconds(1000));
    auto e = error_of([&] { f.store.change_visibility("q", again[0].receipt_handle, 43'000); });
    CHECK(e.code() == ErrorCode::SqsInvalidParameterValue);
    CHECK(e.message() == "Value 43000 for parameter VisibilityTimeout is invalid. Reason: Total VisibilityTimeout for "
                         "the message is beyond the limit [43200 seconds]");
}

TEST_CASE("delays hold messages back, per queue and per message", "[unit][sqs]") {
    Fixture f;
    f.store.create_queue("q", {{"DelaySeconds", "5"}}, {});
    f.send("q", "queue-delay");
    SendRequest r;
    r.body = "own-delay";
    r.delay_seconds = 20;
    f.store.send("q", r);
    CHECK(f.store.get_attributes("q", {"ApproximateNumberOfMessagesDelayed"}).at(
              "ApproximateNumberOfMessagesDelayed") == "2");
    CHECK(f.receive("q").empty());
    f.clock.advance(seconds(5));
    auto got = f.receive("q");
    REQUIRE(got.size() == 1);
    CHECK(got[0].body == "queue-delay");
    f.clock.advance(seconds(15));
    got = f.receive("q");
    REQUIRE(got.size() == 1);
    CHECK(got[0].body == "own-delay");
    r.delay_seconds = 901;
    CHECK(error_of([&] { f.store.send("q", r); }).code() == ErrorCode::SqsInvalidParameterValue);
}

TEST_CASE("messages expire after the retention period", "[unit][sqs]") {
    Fixture f;
    f.store.create_queue("q", {{"MessageRetentionPeriod", "60"}}, {});
    f.send("q", "old");
    f.clock.advance(seconds(59));
    CHECK(f.store.get_attributes("q", {"ApproximateNumberOfMessages"}).at("ApproximateNumberOfMessages") == "1");
    f.clock.advance(seconds(2));
    CHECK(f.receive("q").empty());
    CHECK(f.store.get_attributes("q", {"ApproximateNumberOfMessages"}).at("ApproximateNumberOfMessages") == "0");
}

TEST_CASE("a message received more than maxReceiveCount times moves to the DLQ", "[unit][sqs]") {
    Fixture f;
    f.store.create_queue("dlq", {}, {});
    f.store.create_queue(
        "src", {{"RedrivePolicy", R"({"deadLetterTargetArn":"arn:aws:sqs:us-east-1:000000000000:dlq","maxReceiveCount":2})"},
                {"VisibilityTimeout", "1"}},
        {});
    auto sent = f.send("src", "poison");
    for (int i = 1; i <= 2; ++i) {
        auto got = f.receive("src");
        REQUIRE(got.size() == 1);
        CHECK(got[0].system_attributes.at("ApproximateReceiveCount") == std::to_string(i));
        f.clock.advance(seconds(1));
    }
    CHECK(f.receive("src").empty());  // the third receive moves it instead of delivering it
    auto dead = f.receive("dlq");
    REQUIRE(dead.size() == 1);
    CHECK(dead[0].message_id == sent.message_id);
    CHECK(dead[0].body == "poison");
    CHECK(dead[0].system_attributes.at("DeadLetterQueueSourceArn") == "arn:aws:sqs:us-east-1:000000000000:src");
    CHECK(f.store.dead_letter_source_queues("dlq") == std::vector<std::string>{"src"});
}

TEST_CASE("redrive policies are validated against the target queue", "[unit][sqs]") {
    Fixture f;
    f.store.create_queue("dlq.fifo", {{"FifoQueue", "true"}}, {});
    auto policy = [](std::string arn, std::string count) {
        return AttributeMap{{"RedrivePolicy", R"({"deadLetterTargetArn":")" + arn + R"(","maxReceiveCount":)" + count + "}"}};
    };
    auto e = error_of([&] { f.store.create_queue("a", policy("arn:aws:sqs:us-east-1:000000000000:nope", "3"), {}); });
    CHECK(e.message() == R"(Value {"deadLetterTargetArn":"arn:aws:sqs:us-east-1:000000000000:nope","maxReceiveCount":3} for parameter RedrivePolicy is invalid. Reason: Dead letter target does not exist.)");
    e = error_of([&] { f.store.create_queue("a", policy("arn:aws:sqs:us-east-1:000000000000:dlq.fifo", "3"), {}); });
    CHECK(e.message().ends_with("Reason: Dead-letter queue must be same type of queue as the source.."));
    e = error_of([&] { f.store.create_queue("a", policy("arn:aws:sqs:us-east-1:000000000000:dlq.fifo", "0"), {}); });
    CHECK(e.message().ends_with("Reason: Invalid value for maxReceiveCount: 0, valid values are from 1 to 1000 both "
                                "inclusive."));
    e = error_of([&] { f.store.create_queue("a", {{"RedrivePolicy", "x"}}, {}); });
    CHECK(e.code() == ErrorCode::InvalidAttributeValue);
    CHECK_FALSE(f.store.exists("a"));
}

TEST_CASE("FIFO hands out one group at a time, in order", "[unit][sqs]") {
    Fixture f;
    f.store.create_queue("q.fifo", {{"FifoQueue", "true"}, {"ContentBasedDeduplication", "true"}}, {});
    f.send("q.fifo", "a1", "A");
    f.send("q.fifo", "b1", "B");
    f.send("q.fifo", "a2", "A");
    auto first = f.receive("q.fifo", 1);
    REQUIRE(first.size() == 1);
    CHECK(first[0].body == "a1");
    CHECK(first[0].system_attributes.at("MessageGroupId") == "A");
    CHECK(first[0].system_attributes.at("SequenceNumber").size() == 20);
    auto second = f.receive("q.fifo", 10);  // group A is in flight: only B
    REQUIRE(second.size() == 1);
    CHECK(second[0].body == "b1");
    CHECK(f.receive("q.fifo").empty());
    f.store.delete_message("q.fifo", first[0].receipt_handle);
    auto third = f.receive("q.fifo");
    REQUIRE(third.size() == 1);
    CHECK(third[0].body == "a2");
}

TEST_CASE("FIFO deduplicates within five minutes", "[unit][sqs]") {
    Fixture f;
    f.store.create_queue("q.fifo", {{"FifoQueue", "true"}}, {});
    auto one = f.send("q.fifo", "x", "g", "d1");
    auto two = f.send("q.fifo", "other body", "g", "d1");
    CHECK(two.message_id == one.message_id);
    CHECK(two.sequence_number == one.sequence_number);
    CHECK(f.store.get_attributes("q.fifo", {"ApproximateNumberOfMessages"}).at("ApproximateNumberOfMessages") == "1");
    f.clock.advance(seconds(301));
    auto three = f.send("q.fifo", "x", "g", "d1");
    CHECK(three.message_id != one.message_id);
    CHECK(*three.sequence_number > *one.sequence_number);
}

TEST_CASE("FIFO send rules", "[unit][sqs]") {
    Fixture f;
    f.store.create_queue("q.fifo", {{"FifoQueue", "true"}}, {});
    auto e = error_of([&] { f.send("q.fifo", "x", std::nullopt, "d"); });
    CHECK(e.code() == ErrorCode::SqsMissingParameter);
    CHECK(e.message() == "The request must contain the parameter MessageGroupId.");
    e = error_of([&] { f.send("q.fifo", "x", "g"); });
    CHECK(e.message() == "The queue should either have ContentBasedDeduplication enabled or MessageDeduplicationId "
                         "provided explicitly");
    SendRequest r;
    r.body = "x";
    r.group_id = "g";
    r.deduplication_id = "d";
    r.delay_seconds = 2;
    e = error_of([&] { f.store.send("q.fifo", r); });
    CHECK(e.message() == "Value 2 for parameter DelaySeconds is invalid. Reason: The request include parameter that is "
                         "not valid for this queue type.");
}

TEST_CASE("receipt handles become invalid as AWS's do", "[unit][sqs]") {
    Fixture f;
    f.store.create_queue("q", {{"VisibilityTimeout", "5"}}, {});
    f.store.create_queue("other", {}, {});
    f.send("q", "a");
    auto got = f.receive("q");
    REQUIRE(got.size() == 1);
    auto e = error_of([&] { f.store.delete_message("q", "garbage"); });
    CHECK(e.code() == ErrorCode::ReceiptHandleIsInvalid);
    CHECK(e.message() == "The input receipt handle \"garbage\" is not a valid receipt handle.");
    CHECK(error_of([&] { f.store.delete_message("other", got[0].receipt_handle); }).code() ==
          ErrorCode::ReceiptHandleIsInvalid);
    auto forged = decode_receipt_handle(got[0].receipt_handle);
    REQUIRE(forged);
    forged->nonce = "0000";
    CHECK(error_of([&] { f.store.delete_message("q", encode_receipt_handle(*forged)); }).code() ==
          ErrorCode::ReceiptHandleIsInvalid);
    // Standard queues accept an older handle, and deleting twice succeeds.
    f.clock.advance(seconds(5));
    REQUIRE(f.receive("q").size() == 1);
    f.store.delete_message("q", got[0].receipt_handle);
    f.store.delete_message("q", got[0].receipt_handle);
    e = error_of([&] { f.store.change_visibility("q", got[0].receipt_handle, 10); });
    CHECK(e.message() == "Value " + got[0].receipt_handle +
                             " for parameter ReceiptHandle is invalid. Reason: Message does not exist or is not "
                             "available for visibility timeout change.");
}

TEST_CASE("a FIFO receipt handle expires with its visibility timeout", "[unit][sqs]") {
    Fixture f;
    f.store.create_queue("q.fifo", {{"FifoQueue", "true"}, {"VisibilityTimeout", "5"}}, {});
    f.send("q.fifo", "a", "g", "d");
    auto got = f.receive("q.fifo");
    REQUIRE(got.size() == 1);
    f.clock.advance(seconds(5));
    auto e = error_of([&] { f.store.delete_message("q.fifo", got[0].receipt_handle); });
    CHECK(e.code() == ErrorCode::SqsInvalidParameterValue);
    CHECK(e.message() == "Value " + got[0].receipt_handle +
                             " for parameter ReceiptHandle is invalid. Reason: The receipt handle has expired.");
    auto again = f.receive("q.fifo");
    REQUIRE(again.size() == 1);
    f.store.delete_message("q.fifo", again[0].receipt_handle);
    CHECK(f.receive("q.fifo").empty());
}

TEST_CASE("batch calls check entries before acting and report failures per entry", "[unit][sqs]") {
    Fixture f;
    f.store.create_queue("q", {}, {});
    std::vector<SendBatchEntry> none;
    auto e = error_of([&] { f.store.send_batch("q", none); });
    CHECK(e.code() == ErrorCode::EmptyBatchRequest);
    std::vector<SendBatchEntry> many(11);
    for (std::size_t i = 0; i < many.size(); ++i) {
        many[i].id = std::to_string(i);
        many[i].request.body = "x";
    }
    e = error_of([&] { f.store.send_batch("q", many); });
    CHECK(e.code() == ErrorCode::TooManyEntriesInBatchRequest);
    CHECK(e.message() == "Maximum number of entries per request are 10. You have sent 11.");
    std::vector<SendBatchEntry> dup{{"a", {}}, {"a", {}}};
    dup[0].request.body = dup[1].request.body = "x";
    CHECK(error_of([&] { f.store.send_batch("q", dup); }).message() == "Id a repeated.");
    std::vector<SendBatchEntry> bad_id{{"no:colons", {}}};
    CHECK(error_of([&] { f.store.send_batch("q", bad_id); }).code() == ErrorCode::InvalidBatchEntryId);
    CHECK(f.store.get_attributes("q", {"ApproximateNumberOfMessages"}).at("ApproximateNumberOfMessages") == "0");

    std::vector<SendBatchEntry> mixed{{"ok", {}}, {"empty", {}}};
    mixed[0].request.body = "fine";
    auto sent = f.store.send_batch("q", mixed);
    REQUIRE(sent.successful.size() == 1);
    CHECK(sent.successful[0].first == "ok");
    REQUIRE(sent.failed.size() == 1);
    CHECK(sent.failed[0].code == "MissingParameter");
    CHECK(sent.failed[0].message == "The request must contain the parameter SendMessageBatchRequestEntry.2.MessageBody.");

    auto got = f.receive("q");
    REQUIRE(got.size() == 1);
    auto deleted = f.store.delete_batch("q", {{"1", got[0].receipt_handle, {}}, {"2", "nope", {}}});
    CHECK(deleted.successful.size() == 1);
    REQUIRE(deleted.failed.size() == 1);
    CHECK(deleted.failed[0].code == "ReceiptHandleIsInvalid");
    CHECK(deleted.failed[0].sender_fault);
}

TEST_CASE("queue attributes: defaults, validation and idempotent create", "[unit][sqs]") {
    Fixture f;
    f.store.create_queue("q", {{"DelaySeconds", "3"}}, {{"team", "a"}});
    auto all = f.store.get_attributes("q", {"All"});
    CHECK(all.at("VisibilityTimeout") == "30");
    CHECK(all.at("MaximumMessageSize") == "1048576");
    CHECK(all.at("MessageRetentionPeriod") == "345600");
    CHECK(all.at("ReceiveMessageWaitTimeSeconds") == "0");
    CHECK(all.at("DelaySeconds") == "3");
    CHECK(all.at("SqsManagedSseEnabled") == "true");
    CHECK(all.at("QueueArn") == "arn:aws:sqs:us-east-1:000000000000:q");
    CHECK(all.at("CreatedTimestamp") == "1700000000");
    CHECK_FALSE(all.contains("FifoQueue"));
    CHECK(f.store.get_attributes("q", {}).empty());

    f.store.create_queue("q", {{"DelaySeconds", "3"}}, {});  // same values: fine
    auto e = error_of([&] { f.store.create_queue("q", {{"DelaySeconds", "4"}}, {}); });
    CHECK(e.code() == ErrorCode::QueueAlreadyExists);
    CHECK(e.message() == "A queue already exists with the same name and a different value for attribute DelaySeconds");

    e = error_of([&] { f.store.set_attributes("q", {{"VisibilityTimeout", "43201"}}); });
    CHECK(e.code() == ErrorCode::InvalidAttributeValue);
    CHECK(e.message() == "Invalid value for the parameter VisibilityTimeout.");
    e = error_of([&] { f.store.set_attributes("q", {{"QueueArn", "x"}}); });
    CHECK(e.code() == ErrorCode::InvalidAttributeName);
    CHECK(e.message() == "Unknown Attribute QueueArn.");
    CHECK(error_of([&] { f.store.get_attributes("q", {"Nope"}); }).message() == "Unknown Attribute Nope.");
    e = error_of([&] { f.store.create_queue("bad.name", {}, {}); });
    CHECK(e.message() == "Can only include alphanumeric characters, hyphens, or underscores. 1 to 80 in length");
    CHECK(error_of([&] { f.store.create_queue("std", {{"FifoQueue", "true"}}, {}); }).message() ==
          "Unknown Attribute FifoQueue.");

    f.clock.advance(seconds(10));
    f.store.set_attributes("q", {{"VisibilityTimeout", "60"}, {"ReceiveMessageWaitTimeSeconds", "20"}});
    all = f.store.get_attributes("q", {"VisibilityTimeout", "LastModifiedTimestamp"});
    CHECK(all.size() == 2);
    CHECK(all.at("LastModifiedTimestamp") == "1700000010");
    CHECK(f.store.visibility_timeout("q") == 60);
    CHECK(f.store.tags("q") == TagMap{{"team", "a"}});
}

TEST_CASE("delete, recreate, purge and list", "[unit][sqs]") {
    Fixture f;
    for (std::string name : {"b", "a1", "a2", "c"}) {
        f.store.create_queue(name, {}, {});
    }
    CHECK(f.store.list_queues("a", {}, {}).names == std::vector<std::string>{"a1", "a2"});
    auto page = f.store.list_queues("", 3, {});
    CHECK(page.names == std::vector<std::string>{"a1", "a2", "b"});
    REQUIRE(page.next_token);
    page = f.store.list_queues("", 3, *page.next_token);
    CHECK(page.names == std::vector<std::string>{"c"});
    CHECK_FALSE(page.next_token);

    f.send("c", "x");
    f.store.purge("c");
    CHECK(f.receive("c").empty());
    auto e = error_of([&] { f.store.purge("c"); });
    CHECK(e.code() == ErrorCode::PurgeQueueInProgress);
    CHECK(e.message() == "Only one PurgeQueue operation on c is allowed every 60 seconds.");

    f.store.delete_queue("c");
    e = error_of([&] { f.receive("c"); });
    CHECK(e.code() == ErrorCode::QueueDoesNotExist);
    CHECK(e.message() == "The specified queue does not exist.");
    CHECK(error_of([&] { f.store.create_queue("c", {}, {}); }).code() == ErrorCode::QueueDeletedRecently);
    f.clock.advance(seconds(60));
    f.store.create_queue("c", {}, {});
    CHECK(f.store.queue_name_for_arn("arn:aws:sqs:us-east-1:000000000000:c") == "c");
    CHECK_FALSE(f.store.queue_name_for_arn("arn:aws:sqs:eu-west-1:000000000000:c"));
}

TEST_CASE("receive parameter ranges and message validation", "[unit][sqs]") {
    Fixture f;
    f.store.create_queue("q", {{"MaximumMessageSize", "1024"}}, {});
    ReceiveRequest r;
    r.max_messages = 11;
    CHECK(error_of([&] { f.store.receive("q", r); }).message() ==
          "Value 11 for parameter MaxNumberOfMessages is invalid. Reason: Must be between 1 and 10, if provided.");
    r.max_messages = 1;
    r.wait_seconds = 21;
    CHECK(error_of([&] { f.store.receive("q", r); }).message() ==
          "Value 21 for parameter WaitTimeSeconds is invalid. Reason: Must be >= 0 and <= 20, if provided.");
    CHECK(error_of([&] { f.send("q", std::string(1025, 'a')); }).message() ==
          "One or more parameters are invalid. Reason: Message must be shorter than 1024 bytes.");
    f.send("q", std::string(1024, 'a'));
    CHECK(error_of([&] { f.send("q", std::string("bad \x01 char")); }).code() == ErrorCode::InvalidMessageContents);
    SendRequest empty_attr;
    empty_attr.body = "x";
    empty_attr.attributes = {{"ErrorDetails", str("String", "")}};
    CHECK(error_of([&] { f.store.send("q", empty_attr); }).message() ==
          "Message (user) attribute 'ErrorDetails' must contain a non-empty value of type 'String'.");
}

TEST_CASE("receive filters message attributes and recomputes their digest", "[unit][sqs]") {
    Fixture f;
    f.store.create_queue("q", {}, {});
    SendRequest s;
    s.body = "msg";
    s.attributes = {{"General", str("String", "Kenobi")}, {"Hello", str("String", "There")},
                    {"Help.Me", str("String", "Me")}};
    f.store.send("q", s);
    ReceiveRequest r;
    r.attribute_names = {"Hel.*"};
    r.visibility_timeout = 0;
    auto got = f.store.receive("q", r).messages;
    REQUIRE(got.size() == 1);
    CHECK(got[0].attributes.size() == 2);
    CHECK(got[0].md5_of_attributes == "83fee93c1bcd8b9a5a923ffacdc636c7");
    CHECK(got[0].system_attributes.empty());
    r.attribute_names = {"General", "Hello"};
    got = f.store.receive("q", r).messages;
    CHECK(got.at(0).md5_of_attributes == "fca026605781cb4126a1e9044df24232");
}

// --- QueueNotifier: long polling on a real io_context (timers only, no sockets) -------------------

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>

#include "sources/sqs/queue_notifier.hpp"

namespace {

namespace asio = boost::asio;

struct LivePoll {
    SystemClock clock;
    SeededRandom random{7};
    QueueStore store{AccountRegion{}, clock, random};
    QueueNotifier notifier{store, clock};
    asio::io_context io;

    void spawn(std::function<asio::awaitable<void>()> body) {
        asio::co_spawn(io, std::move(body), [](std::exception_ptr e) {
            if (e) {
                std::rethrow_exception(e);
            }
        });
    }
    // Resumes once a receiver is waiting on `queue`.
    asio::awaitable<void> until_waiting(const std::string& queue) {
        asio::steady_timer tick(co_await asio::this_coro::executor);
        while (notifier.waiting()[queue] == 0) {
            tick.expires_after(std::chrono::milliseconds(1));
            co_await tick.async_wait(asio::use_awaitable);
        }
    }
};

}  // namespace

TEST_CASE("a long-polling receive returns when a message is sent", "[unit][sqs]") {
    LivePoll p;
    p.store.create_queue("q", {}, {});
    std::optional<ReceiveResult> got;
    ReceiveRequest r;
    r.wait_seconds = 20;
    p.spawn([&]() -> asio::awaitable<void> { got = co_await p.notifier.receive("q", r); });
    p.spawn([&]() -> asio::awaitable<void> {
        co_await p.until_waiting("q");
        SendRequest s;
        s.body = "hi";
        p.store.send("q", s);
    });
    auto started = std::chrono::steady_clock::now();
    p.io.run();
    REQUIRE(got);
    REQUIRE(got->messages.size() == 1);
    CHECK(got->messages[0].body == "hi");
    CHECK(got->wait_seconds == 20);
    CHECK(std::chrono::steady_clock::now() - started < seconds(20));
    CHECK(p.notifier.waiting().empty());
}

TEST_CASE("a send between the empty receive and the wait is not lost", "[unit][sqs]") {
    LivePoll p;
    p.store.create_queue("q", {}, {});
    const std::uint64_t seen = p.notifier.generation("q");
    SendRequest s;
    s.body = "early";
    p.store.send("q", s);
    bool returned = false;
    p.spawn([&]() -> asio::awaitable<void> {
        co_await p.notifier.wait("q", seen, p.clock.now() + seconds(20));
        returned = true;
    });
    auto started = std::chrono::steady_clock::now();
    p.io.run();
    CHECK(returned);
    CHECK(std::chrono::steady_clock::now() - started < seconds(20));
}

TEST_CASE("deleting the queue ends a long poll with QueueDoesNotExist", "[unit][sqs]") {
    LivePoll p;
    p.store.create_queue("q", {}, {});
    std::optional<ErrorCode> error;
    ReceiveRequest r;
    r.wait_seconds = 20;
    p.spawn([&]() -> asio::awaitable<void> {
        try {
            co_await p.notifier.receive("q", r);
        } catch (const AwsError& e) {
            error = e.code();
        }
    });
    p.spawn([&]() -> asio::awaitable<void> {
        co_await p.until_waiting("q");
        p.store.delete_queue("q");
    });
    p.io.run();
    CHECK(error == ErrorCode::QueueDoesNotExist);
}
