#pragma once
// Wire shapes of functions: CreateFunction / UpdateFunctionConfiguration / UpdateFunctionCode requests and
// the FunctionConfiguration, GetFunction and ListFunctions responses.

#include <optional>
#include <string>

#include "emulator/control/function_registry.hpp"
#include "routers/http/request.hpp"
#include "routers/lambda/context.hpp"
#include "routers/lambda/json_input.hpp"
#include "routers/lambda/s3_code.hpp"

namespace lemu {
class JsonWriter;
}

namespace lemu::routers::lambda {

enum class ConfigShape {
    Full,      // Create/Get/Update responses: State, LastUpdateStatus, RuntimeVersionConfig
    ListItem,  // ListFunctions / ListVersionsByFunction items, which AWS sends without those
};

// FunctionConfiguration of a version as shown under `function_arn`, serialized.
std::string encode_configuration(const control::Version& version, const std::string& function_arn,
                                 const AccountRegion& home, ConfigShape shape = ConfigShape::Full);
void write_configuration(JsonWriter& writer, const control::Version& version, const std::string& function_arn,
                         const AccountRegion& home, ConfigShape shape);
// GetFunction: Configuration, Code (Location on lemu's edge port), Tags, Concurrency.
std::string encode_get_function(const control::FunctionView& view, const http::Request& request,
                                const AccountRegion& home);
// The URL where lemu serves a stored zip (GET /_lemu/code/<hex>), built from the request's Host.
std::string code_location(const http::Request& request, const std::string& code_sha256);

// Members shared by CreateFunction and UpdateFunctionConfiguration, validated (layers resolved and pinned).
control::FunctionConfigPatch decode_config_patch(const JsonInput& in, Violations& violations,
                                                 LambdaContext& ctx);

struct DecodedCreate {
    control::CreateFunctionRequest request;
    std::optional<std::string> zip_file;  // decoded bytes, still to be validated and stored
    std::optional<S3CodeLocation> s3;     // or where to read them
};
DecodedCreate decode_create_function(const JsonInput& in, LambdaContext& ctx);

struct DecodedCodeUpdate {
    control::UpdateCodeRequest request;
    std::optional<std::string> zip_file;
    std::optional<S3CodeLocation> s3;
};
DecodedCodeUpdate decode_update_code(const JsonInput& in);

control::PublishRequest decode_publish_version(const JsonInput& in);
control::UpdateConfigRequest decode_update_configuration(const JsonInput& in, LambdaContext& ctx);

// {"Functions"|"Versions": [...], "NextMarker": ...}
enum class ListKind { Functions, Versions };
std::string encode_version_page(const control::Page<control::ListedVersion>& page, ListKind kind,
                                const AccountRegion& home);

}  // namespace lemu::routers::lambda
