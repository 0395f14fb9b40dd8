#include "routers/lambda/policy_codec.hpp"

#include "emulator/core/aws_error.hpp"
#include "routers/lambda/patterns.hpp"

namespace lemu::routers::lambda {

DecodedPermission decode_add_permission(const JsonInput& in) {
    DecodedPermission out;
    Violations v;
    std::optional<std::string> sid = in.string("StatementId");
    std::optional<std::string> action = in.string("Action");
    std::optional<std::string> principal = in.string("Principal");
    v.required(sid.has_value(), "statementId");
    v.required(action.has_value(), "action");
    v.required(principal.has_value(), "principal");
    v.max_length(sid, "statementId", 100);
    v.pattern(sid, "statementId", patterns::kStatementId);
    v.pattern(action, "action", patterns::kAction);
    v.pattern(principal, "principal", patterns::kNoWhitespace);
    std::optional<std::string> source_arn = in.string("SourceArn");
    v.pattern(source_arn, "sourceArn", patterns::kSourceArn);
    std::optional<std::string> source_account = in.string("SourceAccount");
    v.pattern(source_account, "sourceAccount", patterns::kAccountId);
    std::optional<std::string> token = in.string("EventSourceToken");
    v.max_length(token, "eventSourceToken", 256);
    v.pattern(token, "eventSourceToken", patterns::kEventSourceToken);
    std::optional<std::string> org = in.string("PrincipalOrgID");
    v.pattern(org, "principalOrgID", patterns::kPrincipalOrgId);
    std::optional<std::string> url_auth = in.string("FunctionUrlAuthType");
    v.one_of(url_auth, "functionUrlAuthType", {"NONE", "AWS_IAM"});
    std::optional<bool> via_url = in.boolean("InvokedViaFunctionUrl");
    out.revision_id = in.string("RevisionId");
    v.throw_if_any();

    std::optional<control::Principal> parsed = control::principal_from_text(*principal);
    if (!parsed) {
        throw AwsError(ErrorCode::InvalidParameterValue,
                       "The provided principal was invalid. Please check the principal and try again.");
    }
    control::Statement& s = out.statement;
    s.sid = *sid;
    s.principal = *parsed;
    s.action = *action;
    // The order AWS writes the condition keys in (fact 62).
    if (url_auth) {
        s.conditions.push_back({"StringEquals", "lambda:FunctionUrlAuthType", *url_auth});
    }
    if (org) {
        s.conditions.push_back({"StringEquals", "aws:PrincipalOrgID", *org});
    }
    if (source_account) {
        s.conditions.push_back({"StringEquals", "AWS:SourceAccount", *source_account});
    }
    if (token) {
        s.conditions.push_back({"StringEquals", "lambda:EventSourceToken", *token});
    }
    if (source_arn) {
        s.conditions.push_back({"ArnLike", "AWS:SourceArn", *source_arn});
    }
    if (via_url) {
        s.conditions.push_back({"Bool", "lambda:InvokedViaFunctionUrl", *via_url ? "true" : "false"});
    }
    return out;
}

Json encode_statement(const control::Statement& s) {
    Json out = Json::object();
    out["Sid"] = s.sid;
    out["Effect"] = s.effect;
    switch (s.principal.kind) {
        case control::Principal::Kind::Any:
            out["Principal"] = "*";
            break;
        case control::Principal::Kind::Service:
            out["Principal"] = Json{{"Service", s.principal.value}};
            break;
        case control::Principal::Kind::Aws:
            out["Principal"] = Json{{"AWS", s.principal.value}};
            break;
    }
    out["Action"] = s.action;
    out["Resource"] = s.resource;
    if (!s.conditions.empty()) {
        Json condition = Json::object();
        for (const control::Condition& c : s.conditions) {
            condition[c.op][c.key] = c.value;
        }
        out["Condition"] = std::move(condition);
    }
    return out;
}

Json encode_policy_document(const control::Policy& policy) {
    Json statements = Json::array();
    for (const control::Statement& s : policy.statements) {
        statements.push_back(encode_statement(s));
    }
    Json out = Json::object();
    out["Version"] = "2012-10-17";
    out["Id"] = "default";
    out["Statement"] = std::move(statements);
    return out;
}

void check_permission_qualifier(const http::Request& request) {
    Violations v;
    std::optional<std::string> qualifier = request.query_param("Qualifier");
    v.max_length(qualifier, "qualifier", 128);
    v.pattern(qualifier, "qualifier", patterns::kPermissionQualifier);
    v.throw_if_any();
}

RemovePermissionParams decode_remove_permission(const http::Request& request) {
    RemovePermissionParams out;
    out.sid = request.param("StatementId");
    out.revision_id = request.query_param("RevisionId");
    Violations v;
    v.max_length(out.sid, "statementId", 100);
    v.pattern(out.sid, "statementId", patterns::kNamespacedStatementId);
    v.throw_if_any();
    return out;
}

Json encode_add_permission_response(const control::Statement& statement) {
    return Json{{"Statement", encode_statement(statement).dump()}};
}

Json encode_get_policy_response(const control::Policy& policy) {
    Json out = Json::object();
    out["Policy"] = encode_policy_document(policy).dump();
    out["RevisionId"] = policy.revision_id;
    return out;
}

}  // namespace lemu::routers::lambda
