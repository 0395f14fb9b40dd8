#pragma once
// The error documents a caller receives when the platform, not the function, ends an invocation
// (runtime.md §3): exact AWS types and texts, "RequestId: <id> Error: <reason>" (fact 29).

#include <string>
#include <string_view>

#include "emulator/invoke/process_launcher.hpp"

namespace lemu::invoke {

// {"errorType":"<type>","errorMessage":"<message>"}
std::string error_document(std::string_view error_type, std::string_view message);

// Sandbox.Timedout: "RequestId: <id> Error: Task timed out after 1.00 seconds" (fact 27).
std::string timeout_document(std::string_view request_id, double elapsed_seconds);
// Runtime.ExitError with the reason of exit_reason() (fact 30).
std::string exit_error_document(std::string_view request_id, const ExitStatus& status);
// "Runtime exited without providing a reason" (exit 0), "Runtime exited with error: exit status 3",
// "Runtime exited with error: signal: killed".
std::string exit_reason(const ExitStatus& status);
// Go's Signal.String() names ("killed", "segmentation fault", ...); "signal N" when unnamed.
std::string signal_name(int signal);
// Function.ResponseSizeTooLarge (fact 45), byte for byte as AWS answers.
std::string response_too_large_document();
// A runtime that never reached GET /next within the init timeout (RIE: Runtime.Unknown).
std::string init_timeout_document(std::string_view request_id, double timeout_seconds);
// Runtime.InvalidEntrypoint, e.g. "Couldn't find valid bootstrap(s): [/var/task/bootstrap /opt/bootstrap]".
std::string invalid_entrypoint_document(std::string_view request_id, std::string_view reason);
// Runtime.InvalidResponseModeHeader (fact 12).
std::string invalid_response_mode_document();

// Two decimals, as AWS prints seconds and milliseconds ("1.00", "3.01").
std::string two_decimals(double value);
// A JSON string literal, quotes included.
std::string json_quote(std::string_view text);

}  // namespace lemu::invoke
