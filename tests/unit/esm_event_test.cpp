#include <catch2/catch.hpp>

#include "emulator/core/clock.hpp"
#include "emulator/core/random.hpp"
#include "sources/esm/sqs_event.hpp"
#include "sources/sqs/message_attributes.hpp"
#include "sources/sqs/queue_store.hpp"

using namespace lemu;
using namespace lemu::sources;

namespace {

const std::string kQueueArn = "arn:aws:sqs:us-east-1:000000000000:q";

sqs::ReceivedMessage docs_message() {
    sqs::ReceivedMessage m;
    m.message_id = "059f36b4-87a3-44ab-83d2-661975830a7d";
    m.receipt_handle = "AQEBwJnKyrHigUMZj6rYigCgxlaS3SLy0a";
    m.body = "test";
    m.md5_of_body = "098f6bcd4621d373cade4e832627b4f6";
    m.system_attributes = {{"ApproximateReceiveCount", "1"},
                           {"SentTimestamp", "1545082649183"},
                           {"SenderId", "AIDAIENQZJOLO23YVJ4VO"},
                           {"ApproximateFirstReceiveTimestamp", "1545082649185"}};
    return m;
}

}  // namespace

TEST_CASE("an SQS event has AWS's record shape, key order and a null attribute digest", "[unit][esm]") {
    CHECK(
        esm::build_sqs_event({docs_message()}, kQueueArn, "us-east-1") ==
        R"({"Records":[{"messageId":"059f36b4-87a3-44ab-83d2-661975830a7d",)"
        R"("receiptHandle":"AQEBwJnKyrHigUMZj6rYigCgxlaS3SLy0a","body":"test",)"
        R"("attributes":{"ApproximateReceiveCount":"1","SentTimestamp":"1545082649183",)"
        R"("SenderId":"AIDAIENQZJOLO23YVJ4VO","ApproximateFirstReceiveTimestamp":"1545082649185"},)"
        R"("messageAttributes":{},"md5OfMessageAttributes":null,"md5OfBody":"098f6bcd4621d373cade4e832627b4f6",)"
        R"("eventSource":"aws:sqs","eventSourceARN":"arn:aws:sqs:us-east-1:000000000000:q",)"
        R"("awsRegion":"us-east-1"}]})");
}

TEST_CASE("message attributes use lower-camel keys, both list members and AWS's digest", "[unit][esm]") {
    sqs::ReceivedMessage m = docs_message();
    m.attributes = {{"Author", {"String", std::string("John Grisham"), std::nullopt, {}, {}}},
                    {"Title", {"String", std::string("The Whistler"), std::nullopt, {}, {}}},
                    {"WeeksOn", {"Number", std::string("6"), std::nullopt, {}, {}}},
                    {"Blob", {"Binary", std::nullopt, std::string("\x01\x02", 2), {}, {}}}};
    auto without_blob = m.attributes;
    without_blob.erase("Blob");
    REQUIRE(sqs::md5_of_attributes(without_blob) == "d25a6aea97eb8f585bfa92d314504a92");
    m.attributes = without_blob;
    m.md5_of_attributes = sqs::md5_of_attributes(m.attributes);
    std::string event = esm::build_sqs_event({m}, kQueueArn, "us-east-1");
    CHECK(
        event.find(R"("messageAttributes":{"Author":{"stringValue":"John Grisham","stringListValues":[],)"
                   R"("binaryListValues":[],"dataType":"String"},"Title":{"stringValue":"The Whistler",)"
                   R"("stringListValues":[],"binaryListValues":[],"dataType":"String"},"WeeksOn":)"
                   R"({"stringValue":"6","stringListValues":[],"binaryListValues":[],"dataType":"Number"}},)"
                   R"("md5OfMessageAttributes":"d25a6aea97eb8f585bfa92d314504a92",)") != std::string::npos);

    sqs::ReceivedMessage binary = docs_message();
    binary.attributes = {{"Blob", {"Binary", std::nullopt, std::string("\x01\x02", 2), {}, {}}}};
    CHECK(esm::build_sqs_event({binary}, kQueueArn, "us-east-1")
              .find(R"("Blob":{"binaryValue":"AQI=","stringListValues":[],"binaryListValues":[],)"
                    R"("dataType":"Binary"})") != std::string::npos);
}

TEST_CASE("FIFO attributes follow AWS's documented order", "[unit][esm]") {
    sqs::ReceivedMessage m = docs_message();
    m.system_attributes.emplace("SequenceNumber", "18849496460467696128");
    m.system_attributes.emplace("MessageGroupId", "1");
    m.system_attributes.emplace("MessageDeduplicationId", "1");
    CHECK(esm::build_sqs_event({m}, kQueueArn, "us-east-1")
              .find(R"("attributes":{"ApproximateReceiveCount":"1","SentTimestamp":"1545082649183",)"
                    R"("SequenceNumber":"18849496460467696128","MessageGroupId":"1",)"
                    R"("SenderId":"AIDAIENQZJOLO23YVJ4VO","MessageDeduplicationId":"1",)"
                    R"("ApproximateFirstReceiveTimestamp":"1545082649185"})") != std::string::npos);
}

TEST_CASE("a message received from a queue becomes one record per message", "[unit][esm]") {
    ManualClock clock;
    SeededRandom random{7};
    sqs::QueueStore store{AccountRegion{}, clock, random};
    store.create_queue("q", {}, {});
    for (const char* body : {"hi", "there"}) {
        sqs::SendRequest send;
        send.body = body;
        send.sender_id = "000000000000";
        store.send("q", send);
    }
    auto received = store.receive("q", esm::event_receive_request(10)).messages;
    REQUIRE(received.size() == 2);
    std::string event = esm::build_sqs_event(received, store.queue_arn("q"), "us-east-1");
    CHECK(event.find(R"("body":"hi","attributes":{"ApproximateReceiveCount":"1",)") != std::string::npos);
    CHECK(event.find(R"("md5OfBody":"49f68a5c8493ec2c0bf489821c21fc3b")") != std::string::npos);
    CHECK(event.find(R"("SenderId":"000000000000")") != std::string::npos);
    CHECK(event.find(R"("eventSourceARN":"arn:aws:sqs:us-east-1:000000000000:q")") != std::string::npos);
    CHECK(event.find(R"("body":"there")") != std::string::npos);
}
