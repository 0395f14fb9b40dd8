#include <catch2/catch.hpp>

#include "sources/esm/batch_item_failures.hpp"

using namespace lemu::sources::esm;

namespace {
const std::vector<std::string> kBatch{"m1", "m2", "m3", "m4"};
}

TEST_CASE("without ReportBatchItemFailures the answer is ignored", "[unit][esm]") {
    auto outcome = interpret_batch_response(R"({"batchItemFailures":[{"itemIdentifier":"m1"}]})", false, false, kBatch);
    CHECK_FALSE(outcome.whole_batch_failed);
    CHECK_FALSE(outcome.failed("m1"));
}

TEST_CASE("a function error fails the whole batch", "[unit][esm]") {
    CHECK(interpret_batch_response("{}", true, true, kBatch).whole_batch_failed);
    CHECK(interpret_batch_response("{}", true, false, kBatch).whole_batch_failed);
}

TEST_CASE("listed items fail, the rest succeed", "[unit][esm]") {
    auto outcome = interpret_batch_response(
        R"({"batchItemFailures":[{"itemIdentifier":"m2"},{"itemIdentifier":"m3"},{"itemIdentifier":"m4"}]})", false,
        true, kBatch);
    CHECK_FALSE(outcome.whole_batch_failed);
    CHECK_FALSE(outcome.failed("m1"));
    CHECK(outcome.failed("m2"));
    CHECK(outcome.failed("m4"));
}

TEST_CASE("empty answers succeed the whole batch", "[unit][esm]") {
    for (const char* payload : {"{}", "null", R"({"batchItemFailures":[]})", R"({"batchItemFailures":null})"}) {
        auto outcome = interpret_batch_response(payload, false, true, kBatch);
        CHECK_FALSE(outcome.whole_batch_failed);
        CHECK(outcome.failed_message_ids.empty());
    }
}

TEST_CASE("malformed answers fail the whole batch", "[unit][esm]") {
    for (const char* payload : {R"({"batchItemFailures":[{"foo":"notvalid"}]})", R"({"batchItemFailures":[{"itemIdentifier":""}]})",
                                R"({"batchItemFailures":[{"itemIdentifier":"other"}]})", R"({"batchItemFailures":"m1"})",
                                "not json", "[1,2]"}) {
        CHECK(interpret_batch_response(payload, false, true, kBatch).whole_batch_failed);
    }
}
