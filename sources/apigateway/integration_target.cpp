#include "sources/apigateway/integration_target.hpp"

#include <fmt/format.h>

#include "emulator/core/aws_error.hpp"
#include "emulator/core/text.hpp"

namespace lemu::sources::apigateway {
namespace {

constexpr std::string_view kVariablePrefix = "${stageVariables.";
constexpr std::string_view kFunctionsPath = "path/2015-03-31/functions/";
constexpr std::string_view kInvocations = "/invocations";

}  // namespace

std::string substitute_stage_variables(std::string_view text,
                                       const std::map<std::string, std::string>& variables) {
    std::string out;
    while (true) {
        std::size_t start = text.find(kVariablePrefix);
        std::size_t end = start == std::string_view::npos ? start : text.find('}', start);
        if (end == std::string_view::npos) {
            out += text;
            return out;
        }
        out += text.substr(0, start);
        std::string name(text.substr(start + kVariablePrefix.size(), end - start - kVariablePrefix.size()));
        if (auto it = variables.find(name); it != variables.end()) {
            out += it->second;
        }
        text.remove_prefix(end + 1);
    }
}

std::optional<std::string> lambda_function_from_uri(std::string_view uri) {
    // arn:aws:apigateway:REGION:lambda:path/2015-03-31/functions/FUNCTION_ARN/invocations
    std::vector<std::string_view> parts = split(uri, ':');
    if (parts.size() < 6 || parts[0] != "arn" || parts[2] != "apigateway" || parts[4] != "lambda") {
        return std::nullopt;
    }
    std::size_t path = uri.find(kFunctionsPath);
    if (path == std::string_view::npos || !uri.ends_with(kInvocations)) {
        return std::nullopt;
    }
    std::size_t begin = path + kFunctionsPath.size();
    if (begin >= uri.size() - kInvocations.size()) {
        return std::nullopt;
    }
    return std::string(uri.substr(begin, uri.size() - kInvocations.size() - begin));
}

std::optional<std::string> lambda_function_from_http_uri(std::string_view uri) {
    if (uri.starts_with("arn:aws:lambda:")) {
        return std::string(uri);
    }
    return lambda_function_from_uri(uri);
}

std::string lambda_integration_uri(std::string_view region, std::string_view function_arn) {
    return fmt::format("arn:aws:apigateway:{}:lambda:path/2015-03-31/functions/{}/invocations", region,
                       function_arn);
}

void validate_aws_integration_uri(std::string_view uri, bool proxy) {
    std::vector<std::string_view> parts = split(uri, ':');
    if (parts.size() < 6 || parts[0] != "arn") {
        throw AwsError(ErrorCode::BadRequest, "Invalid ARN specified in the request");
    }
    // The sixth field (everything after the fifth colon) is "path/..." or "action/...".
    std::size_t fifth = 0;
    for (int i = 0; i < 5; ++i) {
        fifth = uri.find(':', fifth) + 1;
    }
    std::string_view resource = uri.substr(fifth);
    if (parts[2] != "apigateway" || !(resource.starts_with("path/") || resource.starts_with("action/"))) {
        throw AwsError(ErrorCode::BadRequest, "AWS ARN for integration must contain path or action");
    }
    if (proxy && parts[4] != "lambda" && parts[4] != "firehose") {
        throw AwsError(
            ErrorCode::BadRequest,
            "Integrations of type 'AWS_PROXY' currently only supports Lambda function and Firehose stream "
            "invocations.");
    }
}

std::string rest_source_arn(const AccountRegion& home, std::string_view api_id, std::string_view stage,
                            std::string_view method, std::string_view resource_path) {
    return fmt::format("arn:aws:execute-api:{}:{}:{}/{}/{}{}", home.region, home.account, api_id, stage,
                       method, resource_path.empty() ? "/" : resource_path);
}

std::string http_source_arn(const AccountRegion& home, std::string_view api_id, std::string_view stage,
                            std::string_view route_key) {
    std::string tail;
    if (route_key == "$default") {
        tail = "$default";
    } else {
        std::size_t space = route_key.find(' ');
        std::string_view method = route_key.substr(0, space);
        std::string_view path =
            space == std::string_view::npos ? std::string_view("/") : route_key.substr(space + 1);
        tail = fmt::format("{}{}", method, path);
    }
    return fmt::format("arn:aws:execute-api:{}:{}:{}/{}/{}", home.region, home.account, api_id, stage, tail);
}

}  // namespace lemu::sources::apigateway
