#include "caldav/xml/Xml.h"

#include <cstring>
#include <map>

namespace bookdav::caldav::xml {
namespace {

constexpr std::string_view kXmlNs = "http://www.w3.org/XML/1998/namespace";

// The namespace bound to prefix at element, or nullptr when it is not declared.
const char* lookupNamespace(pugi::xml_node element, std::string_view prefix) {
  if (prefix == "xml") return kXmlNs.data();
  std::string attr = prefix.empty() ? std::string("xmlns") : "xmlns:" + std::string(prefix);
  for (pugi::xml_node n = element; n && n.type() == pugi::node_element; n = n.parent()) {
    if (pugi::xml_attribute a = n.attribute(attr.c_str())) {
      // xmlns:p="" is not allowed in XML Namespaces 1.0: the prefix stays undeclared.
      if (!prefix.empty() && *a.value() == '\0') return nullptr;
      return a.value();
    }
  }
  return prefix.empty() ? "" : nullptr;
}

std::pair<std::string_view, std::string_view> splitName(const char* name) {
  std::string_view full(name);
  size_t colon = full.find(':');
  if (colon == std::string_view::npos) return {{}, full};
  return {full.substr(0, colon), full.substr(colon + 1)};
}

// Writes element with resolved names; prefixes are generated and declared where first needed.
class ResolvedWriter {
 public:
  std::string run(pugi::xml_node element) {
    write(element, {});
    return out_;
  }

 private:
  void write(pugi::xml_node node, std::map<std::string, std::string> scope) {
    if (node.type() == pugi::node_pcdata || node.type() == pugi::node_cdata) {
      out_ += escape(node.value());
      return;
    }
    if (node.type() != pugi::node_element) return;
    QName name = nameOf(node);
    std::string decls;
    auto prefixFor = [&](const std::string& ns) -> std::string {
      if (auto it = scope.find(ns); it != scope.end()) return it->second;
      std::string p = "n" + std::to_string(counter_++);
      scope[ns] = p;
      decls += " xmlns:" + p + "=\"" + escapeAttribute(ns) + "\"";
      return p;
    };
    std::string tag = name.ns.empty() ? name.local : prefixFor(name.ns) + ":" + name.local;
    std::string attrs;
    for (pugi::xml_attribute a : node.attributes()) {
      std::string_view an(a.name());
      if (an == "xmlns" || an.substr(0, 6) == "xmlns:") continue;
      auto [prefix, local] = splitName(a.name());
      std::string qualified(local);
      if (!prefix.empty()) {
        const char* ns = lookupNamespace(node, prefix);
        if (!ns) throw XmlError("undeclared namespace prefix '" + std::string(prefix) + "'");
        qualified =
            (std::string_view(ns) == kXmlNs ? std::string("xml") : prefixFor(ns)) + ":" + std::string(local);
      }
      attrs += " " + qualified + "=\"" + escapeAttribute(a.value()) + "\"";
    }
    out_ += "<" + tag + decls + attrs;
    if (!node.first_child()) {
      out_ += "/>";
      return;
    }
    out_ += ">";
    for (pugi::xml_node c : node.children()) write(c, scope);
    out_ += "</" + tag + ">";
  }

  std::string out_;
  int counter_ = 0;
};

}  // namespace

Document Document::parse(std::string_view body) {
  Document d;
  if (body.empty()) throw XmlError("the request body is empty; an XML document was expected");
  pugi::xml_parse_result r = d.doc_.load_buffer(
      body.data(), body.size(), pugi::parse_default | pugi::parse_ws_pcdata_single, pugi::encoding_auto);
  if (!r) {
    throw XmlError(std::string("malformed XML: ") + r.description() + " at byte " + std::to_string(r.offset));
  }
  if (!d.root()) throw XmlError("malformed XML: no root element");
  // Resolve every element name once up front, so undeclared prefixes are reported as bad
  // requests before any handler acts on the document.
  struct Check : pugi::xml_tree_walker {
    bool for_each(pugi::xml_node& n) override {
      if (n.type() == pugi::node_element) nameOf(n);
      return true;
    }
  } check;
  nameOf(d.root());
  d.doc_.traverse(check);
  return d;
}

QName nameOf(pugi::xml_node element) {
  auto [prefix, local] = splitName(element.name());
  const char* ns = lookupNamespace(element, prefix);
  if (!ns)
    throw XmlError("undeclared namespace prefix '" + std::string(prefix) + "' on <" + element.name() + ">");
  return QName{ns, std::string(local)};
}

bool is(pugi::xml_node element, std::string_view ns, std::string_view local) {
  if (element.type() != pugi::node_element) return false;
  auto [prefix, l] = splitName(element.name());
  if (l != local) return false;
  const char* n = lookupNamespace(element, prefix);
  return n && ns == n;
}

pugi::xml_node child(pugi::xml_node parent, std::string_view ns, std::string_view local) {
  for (pugi::xml_node c : parent.children()) {
    if (is(c, ns, local)) return c;
  }
  return {};
}

std::vector<pugi::xml_node> elements(pugi::xml_node parent) {
  std::vector<pugi::xml_node> out;
  for (pugi::xml_node c : parent.children()) {
    if (c.type() == pugi::node_element) out.push_back(c);
  }
  return out;
}

std::string textOf(pugi::xml_node node) {
  std::string out;
  for (pugi::xml_node c : node.children()) {
    if (c.type() == pugi::node_pcdata || c.type() == pugi::node_cdata)
      out += c.value();
    else if (c.type() == pugi::node_element)
      out += textOf(c);
  }
  return out;
}

std::string serializeElement(pugi::xml_node element) {
  return ResolvedWriter().run(element);
}

std::string escapeAttribute(std::string_view text) {
  std::string out;
  for (char c : escape(text)) {
    if (c == '"')
      out += "&quot;";
    else
      out += c;
  }
  return out;
}

std::string escape(std::string_view text) {
  std::string out;
  out.reserve(text.size() + text.size() / 16 + 8);
  size_t pos = 0;
  while (pos < text.size()) {
    size_t special = text.find_first_of("&<>\r", pos);
    if (special == std::string_view::npos) {
      out.append(text.substr(pos));
      break;
    }
    out.append(text.substr(pos, special - pos));
    switch (text[special]) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      default:
        out += "&#13;";
        break;
    }
    pos = special + 1;
  }
  return out;
}

}  // namespace bookdav::caldav::xml
