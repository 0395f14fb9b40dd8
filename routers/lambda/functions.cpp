// CreateFunction, GetFunction(Configuration), UpdateFunctionCode/Configuration, DeleteFunction,
// ListFunctions, and the code download behind GetFunction's Code.Location.

#include "emulator/core/aws_error.hpp"
#include "emulator/core/encoding.hpp"
#include "routers/lambda/function_codec.hpp"
#include "routers/lambda/handlers.hpp"
#include "routers/lambda/request_names.hpp"

namespace lemu::routers::lambda {

http::Response json_response(int status, const Json& body) {
    return http::Response::json(status, body.dump());
}

http::Response json_response(int status, std::string body) {
    return http::Response::json(status, std::move(body));
}

http::Response no_content() {
    return http::Response::empty(204);
}

namespace handlers {

http::Response create_function(http::Request& request, LambdaContext& ctx) {
    JsonInput in = JsonInput::parse(request.body);
    DecodedCreate decoded = decode_create_function(in, ctx);
    if (decoded.s3) {
        decoded.zip_file = read_s3_package(*decoded.s3, ctx);
    }
    if (decoded.zip_file) {
        control::StoredCode stored = ctx.code.put(*decoded.zip_file);
        decoded.request.code.sha256 = stored.sha256;
        decoded.request.code.size = stored.size;
    }
    const std::string name = decoded.request.name;
    control::PublishedChange created = ctx.functions.create_function(std::move(decoded.request));
    // With Publish=true AWS answers with version 1 under the unqualified ARN (fact 28).
    const control::Version& shown = created.published ? *created.published : *created.latest;
    return json_response(201, encode_configuration(shown, function_arn(ctx.home(), name), ctx.home()));
}

http::Response get_function(http::Request& request, LambdaContext& ctx) {
    control::FunctionView view =
        ctx.functions.get_function(function_ref(request, NameGrammar::Namespaced, ctx.home()));
    return json_response(200, encode_get_function(view, request, ctx.home()));
}

http::Response get_function_configuration(http::Request& request, LambdaContext& ctx) {
    control::FunctionView view =
        ctx.functions.get_function(function_ref(request, NameGrammar::Namespaced, ctx.home()));
    return json_response(200, encode_configuration(*view.version, view.function_arn, ctx.home()));
}

http::Response update_function_code(http::Request& request, LambdaContext& ctx) {
    const std::string name = unqualified_function(request, ctx.home());
    DecodedCodeUpdate decoded = decode_update_code(JsonInput::parse(request.body));
    decoded.request.name = name;
    if (decoded.s3) {
        decoded.zip_file = read_s3_package(*decoded.s3, ctx);
    }
    if (decoded.zip_file) {
        // A dry run validates the package without keeping it.
        control::StoredCode stored = decoded.request.dry_run ? control::CodeStore::inspect(*decoded.zip_file)
                                                             : ctx.code.put(*decoded.zip_file);
        decoded.request.code.sha256 = stored.sha256;
        decoded.request.code.size = stored.size;
    }
    control::PublishedChange change = ctx.functions.update_code(std::move(decoded.request));
    if (change.published) {
        return json_response(
            200, encode_configuration(*change.published,
                                      function_arn(ctx.home(), name, change.published->version), ctx.home()));
    }
    return json_response(200,
                         encode_configuration(*change.latest, function_arn(ctx.home(), name), ctx.home()));
}

http::Response update_function_configuration(http::Request& request, LambdaContext& ctx) {
    const std::string name = unqualified_function(request, ctx.home());
    control::UpdateConfigRequest update = decode_update_configuration(JsonInput::parse(request.body), ctx);
    update.name = name;
    control::VersionPtr latest = ctx.functions.update_configuration(std::move(update));
    return json_response(200, encode_configuration(*latest, function_arn(ctx.home(), name), ctx.home()));
}

http::Response delete_function(http::Request& request, LambdaContext& ctx) {
    ctx.functions.delete_function(function_ref(request, NameGrammar::Namespaced, ctx.home()));
    return no_content();
}

http::Response list_functions(http::Request& request, LambdaContext& ctx) {
    control::Page<control::ListedVersion> page =
        ctx.functions.list_functions(list_all_versions(request), marker(request), max_items(request, 10000));
    return json_response(200, encode_version_page(page, ListKind::Functions, ctx.home()));
}

http::Response download_code(http::Request& request, LambdaContext& ctx) {
    const std::string& hex = request.param("Sha");
    auto nibble = [](char c) -> int {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
    };
    std::string raw;
    for (std::size_t i = 0; hex.size() == 64 && i < hex.size(); i += 2) {
        int high = nibble(hex[i]);
        int low = nibble(hex[i + 1]);
        if (high < 0 || low < 0) {
            raw.clear();
            break;
        }
        raw.push_back(static_cast<char>(high * 16 + low));
    }
    const std::string sha256 = raw.size() == 32 ? base64_encode(raw) : std::string();
    if (sha256.empty() || !ctx.code.contains(sha256)) {
        throw AwsError(ErrorCode::ResourceNotFound, "The resource you requested does not exist.");
    }
    return http::Response::text(200, ctx.code.read(sha256), "application/zip");
}

}  // namespace handlers
}  // namespace lemu::routers::lambda
