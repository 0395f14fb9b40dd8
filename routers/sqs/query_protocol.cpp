#include "routers/sqs/query_protocol.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "emulator/core/text.hpp"

namespace lemu::routers::sqs {
namespace {

using nlohmann::json;

// A parameter tree: `a.1.b=v` becomes a -> 1 -> b = v.
struct Node {
    std::string value;
    std::map<std::string, Node, std::less<>> children;
};

// Flattened list prefixes and the JSON member they fill.
const std::map<std::string, std::string, std::less<>> kLists{
    {"AttributeName", "AttributeNames"},
    {"MessageAttributeName", "MessageAttributeNames"},
    {"MessageSystemAttributeName", "MessageSystemAttributeNames"},
    {"TagKey", "TagKeys"},
    {"AWSAccountId", "AWSAccountIds"},
    {"ActionName", "Actions"},
    {"SendMessageBatchRequestEntry", "Entries"},
    {"DeleteMessageBatchRequestEntry", "Entries"},
    {"ChangeMessageVisibilityBatchRequestEntry", "Entries"},
    {"StringListValue", "StringListValues"},
    {"BinaryListValue", "BinaryListValues"},
};

std::vector<const Node*> numbered(const Node& node) {
    std::vector<std::pair<long, const Node*>> items;
    for (const auto& [key, child] : node.children) {
        char* end = nullptr;
        long index = std::strtol(key.c_str(), &end, 10);
        if (!key.empty() && *end == '\0' && index > 0) {
            items.emplace_back(index, &child);
        }
    }
    std::sort(items.begin(), items.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    std::vector<const Node*> out;
    for (auto& item : items) {
        out.push_back(item.second);
    }
    return out;
}

json convert_struct(const Node& node);

json convert_value(const Node& node) { return node.children.empty() ? json(node.value) : convert_struct(node); }

// Flattened maps: `Attribute.N.Name/Value`, `Tag.N.Key/Value`, `MessageAttribute.N.Name/Value.*`.
json convert_map(const Node& node, std::string_view key_name) {
    json out = json::object();
    for (const Node* entry : numbered(node)) {
        auto key = entry->children.find(key_name);
        auto value = entry->children.find("Value");
        if (key != entry->children.end()) {
            out[key->second.value] = value == entry->children.end() ? json("") : convert_value(value->second);
        }
    }
    return out;
}

json convert_struct(const Node& node) {
    json out = json::object();
    for (const auto& [key, child] : node.children) {
        if (auto list = kLists.find(key); list != kLists.end()) {
            json items = json::array();
            for (const Node* item : numbered(child)) {
                items.push_back(convert_value(*item));
            }
            out[list->second] = std::move(items);
        } else if (key == "Attribute") {
            out["Attributes"] = convert_map(child, "Name");
        } else if (key == "Tag") {
            out["Tags"] = convert_map(child, "Key");
        } else if (key == "MessageAttribute") {
            out["MessageAttributes"] = convert_map(child, "Name");
        } else if (key == "MessageSystemAttribute") {
            out["MessageSystemAttributes"] = convert_map(child, "Name");
        } else {
            out[key] = convert_value(child);
        }
    }
    return out;
}

void write_scalar(std::string& out, std::string_view name, const json& value) {
    std::string text;
    if (value.is_string()) {
        text = xml_escape(value.get_ref<const std::string&>());
    } else if (value.is_boolean()) {
        text = value.get<bool>() ? "true" : "false";
    } else {
        text = value.dump();
    }
    out += fmt::format("<{0}>{1}</{0}>", name, text);
}

void write_struct(std::string& out, const json& object, std::string_view operation);

void write_member(std::string& out, const std::string& key, const json& value, std::string_view operation) {
    if ((key == "Attributes" || key == "Tags") && value.is_object()) {
        const bool tags = key == "Tags";
        for (const auto& [k, v] : value.items()) {
            out += fmt::format("<{0}><{1}>{2}</{1}>", tags ? "Tag" : "Attribute", tags ? "Key" : "Name", xml_escape(k));
            write_scalar(out, "Value", v);
            out += tags ? "</Tag>" : "</Attribute>";
        }
    } else if (key == "MessageAttributes" && value.is_object()) {
        for (const auto& [k, v] : value.items()) {
            out += fmt::format("<MessageAttribute><Name>{}</Name><Value>", xml_escape(k));
            write_struct(out, v, operation);
            out += "</Value></MessageAttribute>";
        }
    } else if (value.is_array()) {
        std::string element = key == "Messages"    ? "Message"
                              : key == "Failed"    ? "BatchResultErrorEntry"
                              : key == "Successful" ? std::string(operation) + "ResultEntry"
                              : key == "Results"    ? std::string(operation) + "ResultEntry"
                              : (key == "QueueUrls" || key == "queueUrls") ? "QueueUrl"
                              : key == "StringListValues"                  ? "StringListValue"
                              : key == "BinaryListValues"                  ? "BinaryListValue"
                                                                           : key;
        for (const json& item : value) {
            if (item.is_object()) {
                out += fmt::format("<{}>", element);
                write_struct(out, item, operation);
                out += fmt::format("</{}>", element);
            } else {
                write_scalar(out, element, item);
            }
        }
    } else if (value.is_object()) {
        out += fmt::format("<{}>", key);
        write_struct(out, value, operation);
        out += fmt::format("</{}>", key);
    } else {
        write_scalar(out, key, value);
    }
}

void write_struct(std::string& out, const json& object, std::string_view operation) {
    for (const auto& [key, value] : object.items()) {
        write_member(out, key, value, operation);
    }
}

}  // namespace

std::string xml_escape(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (char c : text) {
        switch (c) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '"': out += "&quot;"; break;
            case '\r': out += "&#xD;"; break;
            default: out += c;
        }
    }
    return out;
}

json query_to_input(const http::QueryParams& params, std::string_view operation) {
    Node root;
    for (const auto& [key, value] : params) {
        if (key == "Action" || key == "Version") {
            continue;
        }
        Node* node = &root;
        for (std::string_view part : split(key, '.')) {
            node = &node->children[std::string(part)];
        }
        node->value = value;
    }
    json input = convert_struct(root);
    // CreateQueue's tag map is the lower-case `tags` member; TagQueue's is `Tags`.
    if (operation == "CreateQueue" && input.contains("Tags")) {
        input["tags"] = std::move(input["Tags"]);
        input.erase("Tags");
    }
    return input;
}

std::string output_to_xml(std::string_view operation, const json& output, bool has_result,
                          std::string_view request_id) {
    std::string out = fmt::format(R"(<?xml version="1.0"?><{}Response xmlns="{}">)", operation, kQueryNamespace);
    if (has_result) {
        out += fmt::format("<{}Result>", operation);
        write_struct(out, output, operation);
        out += fmt::format("</{}Result>", operation);
    }
    out += fmt::format("<ResponseMetadata><RequestId>{}</RequestId></ResponseMetadata></{}Response>",
                       xml_escape(request_id), operation);
    return out;
}

}  // namespace lemu::routers::sqs
