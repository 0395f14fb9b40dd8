#pragma once
// The XML S3's REST protocol needs: a strict little reader for request bodies (elements, text,
// entities, CDATA; attributes and namespace prefixes ignored) and a writer for responses.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace lemu::routers::s3 {

struct XmlNode {
    std::string name;  // local name, namespace prefix removed
    std::string text;  // concatenated character data directly inside this element
    std::vector<XmlNode> children;

    const XmlNode* child(std::string_view name) const;
    std::vector<const XmlNode*> children_named(std::string_view name) const;
};

// The document's root element; nullopt when the text is not well-formed XML.
std::optional<XmlNode> parse_xml(std::string_view text);

std::string xml_escape(std::string_view text);

// Builds a document element by element: open/close, or leaf(name, text).
class XmlWriter {
public:
    // Starts the document with the XML declaration and the root element (S3's namespace if given).
    XmlWriter(std::string_view root, std::string_view xmlns = "http://s3.amazonaws.com/doc/2006-03-01/");
    XmlWriter& open(std::string_view name);
    XmlWriter& close(std::string_view name);
    XmlWriter& leaf(std::string_view name, std::string_view text);
    // Closes the root and returns the document.
    std::string finish();

private:
    std::string root_;
    std::string out_;
};

}  // namespace lemu::routers::s3
