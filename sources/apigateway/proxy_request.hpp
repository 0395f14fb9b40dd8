#pragma once
// One data-plane request as API Gateway sees it before building the Lambda proxy event: no HTTP
// library types, so the event builders stay pure and unit-testable.

#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "emulator/core/account_region.hpp"
#include "emulator/core/clock.hpp"

namespace lemu::sources::apigateway {

struct ProxyRequest {
    std::string method;     // GET, POST, ...
    std::string raw_path;   // the path after the stage, still percent-encoded, starting with '/'
    std::string raw_query;  // without '?'
    std::vector<std::pair<std::string, std::string>> headers;  // client order and casing
    std::string body;                                          // raw bytes
    std::string source_ip;
    std::string protocol = "HTTP/1.1";
    TimePoint time;
};

// requestContext.authorizer.iam of a payload 2.0 event for an AWS_IAM function URL (sources.md fact 60).
struct IamAuthorizer {
    std::string access_key;
    std::string account_id;
    std::string caller_id;
    std::string user_arn;
    std::string user_id;
};

// Where the event says the request came from and what matched it.
struct EventContext {
    AccountRegion home;
    std::string api_id;
    std::string stage;          // "prod", "$default"
    std::string domain_name;    // API_ID.execute-api.REGION.amazonaws.com
    std::string domain_prefix;  // empty: the API id
    std::string request_id;     // REST: a UUID; HTTP APIs: the Apigw-Requestid value
    std::string extended_request_id;
    std::map<std::string, std::string> path_parameters;
    std::map<std::string, std::string> stage_variables;
    // REST only
    std::string deployment_id;
    std::string resource_id;
    std::string resource_path;  // the resource template, "/{proxy+}"
    std::vector<std::string> binary_media_types;
    // HTTP APIs only
    std::string route_key;       // "GET /items/{id}", "$default"
    bool stage_in_path = false;  // a named stage: rawPath and requestContext.path start with "/STAGE"
    // Function URLs (payload 2.0 only)
    std::string request_account;       // requestContext.accountId when not home.account ("anonymous")
    std::optional<IamAuthorizer> iam;  // adds "authentication": null and "authorizer": {"iam": ...}
};

}  // namespace lemu::sources::apigateway
