#include "emulator/invoke/platform_log.hpp"

#include <catch2/catch.hpp>

#include "emulator/invoke/function_errors.hpp"

using namespace lemu::invoke;

TEST_CASE("REPORT lines are TAB-separated, end in a TAB and bill ceil(duration)", "[unit][invoke]") {
    ReportFields fields;
    fields.duration_ms = 3.01;
    fields.memory_size_mb = 128;
    fields.max_memory_used_mb = 36;
    CHECK(report_line("8476a536-e9f4-11e8-9739-2dfe598c3fcd", fields) ==
          "REPORT RequestId: 8476a536-e9f4-11e8-9739-2dfe598c3fcd\tDuration: 3.01 ms\tBilled Duration: 4 ms\t"
          "Memory Size: 128 MB\tMax Memory Used: 36 MB\t");
    fields.init_duration_ms = 110.1;
    CHECK(report_line("id", fields) ==
          "REPORT RequestId: id\tDuration: 3.01 ms\tBilled Duration: 4 ms\tMemory Size: 128 MB\t"
          "Max Memory Used: 36 MB\tInit Duration: 110.10 ms\t");
}

TEST_CASE("billed duration is the ceiling of the printed duration", "[unit][invoke]") {
    CHECK(billed_duration_ms(3.01) == 4);
    CHECK(billed_duration_ms(2.90) == 3);
    CHECK(billed_duration_ms(3.00) == 3);
    CHECK(billed_duration_ms(0.004) == 0);  // printed 0.00
    CHECK(billed_duration_ms(0.005) == 1);  // printed 0.01
    CHECK(billed_duration_ms(0.0) == 0);
}

TEST_CASE("a timed-out invocation bills at most its timeout", "[unit][invoke]") {
    ReportFields fields;
    fields.duration_ms = 1003.53;
    fields.memory_size_mb = 128;
    fields.max_memory_used_mb = 20;
    fields.billed_cap_ms = 1000;
    CHECK(report_line("id", fields) ==
          "REPORT RequestId: id\tDuration: 1003.53 ms\tBilled Duration: 1000 ms\tMemory Size: 128 MB\t"
          "Max Memory Used: 20 MB\t");
}

TEST_CASE("START, END, INIT_START and timeout lines", "[unit][invoke]") {
    CHECK(start_line("abc", "$LATEST") == "START RequestId: abc Version: $LATEST");
    CHECK(end_line("abc") == "END RequestId: abc");
    CHECK(init_start_line("python3.12", "us-east-1") ==
          "INIT_START Runtime Version: python:3.12.lemu\tRuntime Version ARN: "
          "arn:aws:lambda:us-east-1::runtime:lemu");
    CHECK(init_start_line("provided.al2023", "us-east-1")
              .starts_with("INIT_START Runtime Version: provided:al2023.lemu\t"));
    lemu::TimePoint at{std::chrono::milliseconds{1712595382123}};
    CHECK(timeout_log_line(at, "abc", 1.0) ==
          "2024-04-08T16:56:22.123Z abc Task timed out after 1.00 seconds");
}

TEST_CASE("platform failure documents carry AWS's types and texts", "[unit][invoke]") {
    CHECK(
        timeout_document("abc", 1.004) ==
        R"({"errorType":"Sandbox.Timedout","errorMessage":"RequestId: abc Error: Task timed out after 1.00 seconds"})");
    lemu::invoke::ExitStatus exited;
    exited.exit_code = 3;
    CHECK(
        exit_error_document("abc", exited) ==
        R"({"errorType":"Runtime.ExitError","errorMessage":"RequestId: abc Error: Runtime exited with error: exit status 3"})");
    lemu::invoke::ExitStatus clean;
    clean.exit_code = 0;
    CHECK(exit_reason(clean) == "Runtime exited without providing a reason");
    lemu::invoke::ExitStatus killed;
    killed.signal = 9;
    CHECK(exit_reason(killed) == "Runtime exited with error: signal: killed");
    CHECK(signal_name(11) == "segmentation fault");
    CHECK(signal_name(6) == "aborted");
    CHECK(
        response_too_large_document() ==
        R"({"errorMessage":"Response payload size exceeded maximum allowed payload size (6291556 bytes).","errorType":"Function.ResponseSizeTooLarge"})");
    CHECK(
        invalid_entrypoint_document(
            "abc", "Couldn't find valid bootstrap(s): [/var/task/bootstrap /opt/bootstrap]") ==
        R"({"errorType":"Runtime.InvalidEntrypoint","errorMessage":"RequestId: abc Error: Couldn't find valid bootstrap(s): [/var/task/bootstrap /opt/bootstrap]"})");
    CHECK(json_quote("a\"b\\c\n\x01") == R"("a\"b\\c\n\u0001")");
}
