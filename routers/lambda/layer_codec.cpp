#include "routers/lambda/layer_codec.hpp"


#include "emulator/core/aws_error.hpp"
#include "emulator/core/text.hpp"
#include "emulator/core/encoding.hpp"
#include "routers/lambda/function_codec.hpp"
#include "routers/lambda/patterns.hpp"

namespace lemu::routers::lambda {
namespace {

const std::vector<std::string_view> kLayerRuntimes = {
    "nodejs24.x", "nodejs22.x", "nodejs20.x",      "nodejs18.x",    "nodejs16.x", "nodejs14.x", "nodejs12.x",
    "python3.14", "python3.13", "python3.12",      "python3.11",    "python3.10", "python3.9",  "python3.8",
    "python3.7",  "java25",     "java21",          "java17",        "java11",     "java8.al2",  "java8",
    "dotnet10",   "dotnet8",    "dotnet6",         "dotnetcore3.1", "ruby4.0",    "ruby3.4",    "ruby3.3",
    "ruby3.2",    "ruby2.7",    "provided.al2023", "provided.al2",  "provided",   "go1.x"};

void check_list(const std::optional<std::vector<std::string>>& values, std::string_view field,
                const std::vector<std::string_view>& allowed, std::string_view constraint_prefix,
                Violations& v) {
    if (!values) {
        return;
    }
    for (const std::string& value : *values) {
        if (std::find(allowed.begin(), allowed.end(), value) == allowed.end()) {
            std::vector<std::string> names(allowed.begin(), allowed.end());
            v.add(
                render_list(*values), field,
                std::string(constraint_prefix) + render_list(names) + (constraint_prefix.empty() ? "" : "]"));
            return;
        }
    }
}

Json string_array(const std::vector<std::string>& values) {
    return Json(values);
}

}  // namespace

DecodedLayer decode_publish_layer(const JsonInput& in) {
    DecodedLayer out;
    Violations v;
    std::optional<JsonInput> content = in.object("Content");
    v.required(content.has_value(), "content");
    std::optional<std::string> description = in.string("Description");
    v.max_length(description, "description", 256);
    std::optional<std::string> license = in.string("LicenseInfo");
    v.max_length(license, "licenseInfo", 512);
    std::optional<std::vector<std::string>> runtimes = in.string_list("CompatibleRuntimes");
    std::optional<std::vector<std::string>> architectures = in.string_list("CompatibleArchitectures");
    check_list(runtimes, "compatibleRuntimes", kLayerRuntimes, "Member must satisfy enum value set: ", v);
    check_list(architectures, "compatibleArchitectures", {"x86_64", "arm64"},
               "Member must satisfy constraint: [Member must satisfy enum value set: ", v);
    v.throw_if_any();
    out.s3 = decode_s3_location(*content);
    std::optional<std::string> zip = content->string("ZipFile");
    if (!zip && !out.s3) {
        throw AwsError(ErrorCode::InvalidParameterValue, "Please provide a source for the layer content.");
    }
    if (zip) {
        std::optional<std::string> bytes = base64_decode(*zip);
        if (!bytes) {
            throw AwsError(ErrorCode::InvalidRequestContent,
                           "Could not parse request body into json: ZipFile is not valid base64");
        }
        out.zip_file = std::move(*bytes);
    }
    out.request.description = description.value_or("");
    out.request.license_info = license.value_or("");
    out.request.compatible_runtimes = runtimes.value_or(std::vector<std::string>{});
    out.request.compatible_architectures = architectures.value_or(std::vector<std::string>{});
    return out;
}

std::optional<std::string> runtime_filter(const http::Request& request) {
    std::optional<std::string> runtime = request.query_param("CompatibleRuntime");
    Violations v;
    v.one_of(runtime, "compatibleRuntime", kLayerRuntimes);
    v.throw_if_any();
    return runtime;
}

std::optional<std::string> architecture_filter(const http::Request& request) {
    std::optional<std::string> architecture = request.query_param("CompatibleArchitecture");
    Violations v;
    v.one_of(architecture, "compatibleArchitecture", {"x86_64", "arm64"});
    v.throw_if_any();
    return architecture;
}

std::string layer_version_arn_param(const http::Request& request) {
    std::optional<std::string> arn = request.query_param("Arn");
    Violations v;
    v.required(arn.has_value(), "arn");
    v.pattern(arn, "arn", patterns::kLayerVersionArn);
    v.throw_if_any();
    return *arn;
}

std::int64_t layer_version_number(const http::Request& request) {
    const std::string& text = request.param("VersionNumber");
    std::optional<std::int64_t> value = parse_number<std::int64_t>(text);
    if (!value) {
        throw AwsError(ErrorCode::InvalidParameterValue, "Layer Version Cannot be less than 1");
    }
    return *value;
}

Json encode_layer_version_item(const control::LayerVersion& v, const control::LayerRegistry& layers) {
    Json out = Json::object();
    out["LayerVersionArn"] = layers.version_arn(v);
    out["Version"] = v.version;
    out["Description"] = v.description;
    out["CreatedDate"] = lambda_timestamp(v.created);
    if (!v.compatible_runtimes.empty()) {
        out["CompatibleRuntimes"] = string_array(v.compatible_runtimes);
    }
    if (!v.license_info.empty()) {
        out["LicenseInfo"] = v.license_info;
    }
    if (!v.compatible_architectures.empty()) {
        out["CompatibleArchitectures"] = string_array(v.compatible_architectures);
    }
    return out;
}

Json encode_layer_version(const control::LayerVersion& v, const control::LayerRegistry& layers,
                          const http::Request& request) {
    Json out = Json::object();
    out["Content"] = Json{{"Location", code_location(request, v.content.sha256)},
                          {"CodeSha256", v.content.sha256},
                          {"CodeSize", v.content.size}};
    out["LayerArn"] = layers.layer_arn(v.layer_name);
    Json item = encode_layer_version_item(v, layers);
    for (auto it = item.begin(); it != item.end(); ++it) {
        out[it.key()] = it.value();
    }
    return out;
}

Json encode_layer_list_item(const control::LayerVersion& latest, const control::LayerRegistry& layers) {
    Json out = Json::object();
    out["LayerName"] = latest.layer_name;
    out["LayerArn"] = layers.layer_arn(latest.layer_name);
    out["LatestMatchingVersion"] = encode_layer_version_item(latest, layers);
    return out;
}

Json encode_layer_page(const control::Page<control::LayerVersionPtr>& page,
                       const control::LayerRegistry& layers, LayerListKind kind) {
    Json items = Json::array();
    for (const control::LayerVersionPtr& version : page.items) {
        items.push_back(kind == LayerListKind::Layers ? encode_layer_list_item(*version, layers)
                                                      : encode_layer_version_item(*version, layers));
    }
    Json out = Json::object();
    if (!page.next_marker.empty()) {
        out["NextMarker"] = page.next_marker;
    }
    out[kind == LayerListKind::Layers ? "Layers" : "LayerVersions"] = std::move(items);
    return out;
}

}  // namespace lemu::routers::lambda
