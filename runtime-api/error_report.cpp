#include "runtime-api/error_report.hpp"

#include <nlohmann/json.hpp>

#include "emulator/core/text.hpp"
#include "emulator/invoke/function_errors.hpp"
#include "runtime-api/runtime_headers.hpp"

namespace lemu::runtime_api {
namespace {

// "Runtime.Xxx" or "Function.Xxx": a prefix, a dot, an upper-case letter, then letters only.
bool is_well_formed(std::string_view type, std::string_view prefix) {
    if (!type.starts_with(prefix) || type.size() < prefix.size() + 2 || type[prefix.size()] != '.') {
        return false;
    }
    std::string_view name = type.substr(prefix.size() + 1);
    if (name[0] < 'A' || name[0] > 'Z') {
        return false;
    }
    for (char c : name) {
        if (!is_alpha(c)) {
            return false;
        }
    }
    return true;
}

std::string strip_error_cause(std::string body) {
    nlohmann::json doc = nlohmann::json::parse(body, nullptr, false);
    if (doc.is_discarded() || !doc.is_object() || !doc.contains("errorCause")) {
        return body;
    }
    doc.erase("errorCause");
    return doc.dump();
}

}  // namespace

std::string normalize_error_type(std::string_view header) {
    if (is_well_formed(header, "Runtime") || is_well_formed(header, "Function")) {
        return std::string(header);
    }
    if (header.starts_with("Function")) {
        return "Function.Unknown";
    }
    return "Runtime.Unknown";
}

invoke::RuntimeErrorReport decode_error_report(http::Request& request) {
    invoke::RuntimeErrorReport report;
    report.error_type = normalize_error_type(request.header(kFunctionErrorTypeHeader).value_or(""));
    std::string_view content_type = request.header(kContentTypeHeader).value_or("");
    if (trim(request.body).empty()) {
        report.body = invoke::error_document(report.error_type, "");
        report.content_type = kJsonContentType;
        return report;
    }
    if (iequals(trim(content_type.substr(0, content_type.find(';'))), kErrorCauseContentType)) {
        report.body = strip_error_cause(std::move(request.body));
        report.content_type = kJsonContentType;
        return report;
    }
    report.body = std::move(request.body);
    report.content_type = content_type.empty() ? std::string(kJsonContentType) : std::string(content_type);
    return report;
}

}  // namespace lemu::runtime_api
