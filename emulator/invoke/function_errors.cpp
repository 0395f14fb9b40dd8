#include "emulator/invoke/function_errors.hpp"

#include <fmt/format.h>

#include <csignal>

#include "emulator/invoke/limits.hpp"

namespace lemu::invoke {

std::string json_quote(std::string_view text) {
    std::string out;
    out.reserve(text.size() + 2);
    out.push_back('"');
    for (char c : text) {
        switch (c) {
            case '"':
                out += "\\\"";
                break;
            case '\\':
                out += "\\\\";
                break;
            case '\n':
                out += "\\n";
                break;
            case '\r':
                out += "\\r";
                break;
            case '\t':
                out += "\\t";
                break;
            default:
                if (static_cast<unsigned char>(c) < 0x20) {
                    out += fmt::format("\\u{:04x}", static_cast<unsigned>(static_cast<unsigned char>(c)));
                } else {
                    out.push_back(c);
                }
        }
    }
    out.push_back('"');
    return out;
}

std::string two_decimals(double value) {
    return fmt::format("{:.2f}", value);
}

std::string error_document(std::string_view error_type, std::string_view message) {
    return fmt::format("{{\"errorType\":{},\"errorMessage\":{}}}", json_quote(error_type),
                       json_quote(message));
}

std::string timeout_document(std::string_view request_id, double elapsed_seconds) {
    return error_document("Sandbox.Timedout",
                          fmt::format("RequestId: {} Error: Task timed out after {} seconds", request_id,
                                      two_decimals(elapsed_seconds)));
}

std::string signal_name(int signal) {
    switch (signal) {
        case SIGHUP:
            return "hangup";
        case SIGINT:
            return "interrupt";
        case SIGQUIT:
            return "quit";
        case SIGILL:
            return "illegal instruction";
        case SIGTRAP:
            return "trace/breakpoint trap";
        case SIGABRT:
            return "aborted";
        case SIGBUS:
            return "bus error";
        case SIGFPE:
            return "floating point exception";
        case SIGKILL:
            return "killed";
        case SIGUSR1:
            return "user defined signal 1";
        case SIGSEGV:
            return "segmentation fault";
        case SIGUSR2:
            return "user defined signal 2";
        case SIGPIPE:
            return "broken pipe";
        case SIGALRM:
            return "alarm clock";
        case SIGTERM:
            return "terminated";
        case SIGXCPU:
            return "CPU time limit exceeded";
        case SIGXFSZ:
            return "file size limit exceeded";
        case SIGSYS:
            return "bad system call";
        default:
            return fmt::format("signal {}", signal);
    }
}

std::string exit_reason(const ExitStatus& status) {
    if (status.signal) {
        return "Runtime exited with error: signal: " + signal_name(*status.signal);
    }
    int code = status.exit_code.value_or(0);
    if (code == 0) {
        return "Runtime exited without providing a reason";
    }
    return fmt::format("Runtime exited with error: exit status {}", code);
}

std::string exit_error_document(std::string_view request_id, const ExitStatus& status) {
    return error_document("Runtime.ExitError",
                          fmt::format("RequestId: {} Error: {}", request_id, exit_reason(status)));
}

std::string response_too_large_document() {
    return fmt::format(
        "{{\"errorMessage\":\"Response payload size exceeded maximum allowed payload size ({} bytes).\","
        "\"errorType\":\"Function.ResponseSizeTooLarge\"}}",
        kMaxResponseBytes);
}

std::string init_timeout_document(std::string_view request_id, double timeout_seconds) {
    return error_document("Runtime.Unknown",
                          fmt::format("RequestId: {} Error: Runtime init timed out after {} seconds",
                                      request_id, two_decimals(timeout_seconds)));
}

std::string invalid_entrypoint_document(std::string_view request_id, std::string_view reason) {
    return error_document("Runtime.InvalidEntrypoint",
                          fmt::format("RequestId: {} Error: {}", request_id, reason));
}

std::string invalid_response_mode_document() {
    return error_document("Runtime.InvalidResponseModeHeader", "");
}

}  // namespace lemu::invoke
