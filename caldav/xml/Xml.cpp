#include "caldav/xml/Xml.h"

#include <map>
#include <unordered_map>

#include "caldav/xml/Prescan.h"
#include "domain/text/ValidText.h"

namespace bookdav::caldav::xml {
namespace {

constexpr std::string_view kXmlNs = "http://www.w3.org/XML/1998/namespace";
constexpr std::string_view kXmlnsPrefix = "xmlns:";

std::pair<std::string_view, std::string_view> splitName(std::string_view full) {
  size_t colon = full.find(':');
  if (colon == std::string_view::npos) return {{}, full};
  return {full.substr(0, colon), full.substr(colon + 1)};
}

// The next node of a walk in document order below `top`, or an empty node at the end. With
// descend false the children of `node` are skipped. `left` is called for each element the walk
// leaves (all its children done), `top` included.
template <typename Left>
pugi::xml_node nextInWalk(pugi::xml_node node, pugi::xml_node top, bool descend, Left&& left) {
  if (descend && node.first_child()) return node.first_child();
  for (;;) {
    if (node.type() == pugi::node_element) left(node);
    if (node == top) return {};
    if (pugi::xml_node sibling = node.next_sibling()) return sibling;
    node = node.parent();
  }
}

// The namespace that a prefix of the resolved tree stands for, declared on the root element.
const char* declaredNamespace(pugi::xml_node node, std::string_view prefix) {
  pugi::xml_node root = node.root().first_child();  // Document::parse leaves only the root element
  while (root && root.type() != pugi::node_element) root = root.next_sibling();
  for (pugi::xml_attribute a : root.attributes()) {
    std::string_view name(a.name());
    if (!name.starts_with(kXmlnsPrefix)) break;  // the declarations come first
    if (name.substr(kXmlnsPrefix.size()) == prefix) return a.value();
  }
  return nullptr;
}

// Rewrites the parsed tree into the resolved form of Xml.h in one walk, keeping the prefixes in
// scope on a stack per prefix (so that each lookup is O(1), whatever the depth).
class NamespaceResolver {
 public:
  void run(pugi::xml_node root) {
    for (pugi::xml_node n = root; n;) {
      const bool element = n.type() == pugi::node_element;
      if (element) enter(n);
      n = nextInWalk(n, root, element, [&](pugi::xml_node) { leave(); });
    }
    for (size_t i = namespaces_.size(); i-- > 0;)
      root.prepend_attribute(("xmlns:n" + std::to_string(i)).c_str()).set_value(namespaces_[i].c_str());
  }

 private:
  static constexpr int kNone = -1;     // no namespace (no default, or xmlns="")
  static constexpr int kUnbound = -2;  // xmlns:p="" (not allowed in XML Namespaces 1.0)

  void enter(pugi::xml_node element) {
    if (scopes_.size() >= kMaxDepth)
      throw XmlError("elements are nested more than " + std::to_string(kMaxDepth) + " deep");
    scopes_.emplace_back();
    for (pugi::xml_attribute a = element.first_attribute(); a;) {
      pugi::xml_attribute next = a.next_attribute();
      std::string_view name(a.name());
      if (name == "xmlns" || name.starts_with(kXmlnsPrefix)) {
        std::string prefix(name == "xmlns" ? std::string_view() : name.substr(kXmlnsPrefix.size()));
        std::string_view uri(a.value());
        int index = uri.empty() ? (prefix.empty() ? kNone : kUnbound) : indexOf(uri);
        bindings_[prefix].push_back(index);
        scopes_.back().push_back(std::move(prefix));
        element.remove_attribute(a);
      }
      a = next;
    }
    auto [prefix, local] = splitName(element.name());
    int index = lookUp(prefix);
    if (index == kUnbound)
      throw XmlError("undeclared namespace prefix '" + std::string(prefix) + "' on <" + element.name() + ">");
    if (index != kNone || !prefix.empty()) element.set_name(resolved(index, local).c_str());
    for (pugi::xml_attribute a : element.attributes()) {
      auto [ap, al] = splitName(a.name());
      if (ap.empty() || ap == "xml") continue;  // unprefixed attributes are in no namespace
      int i = lookUp(ap);
      if (i < 0)
        throw XmlError("undeclared namespace prefix '" + std::string(ap) + "' on attribute " + a.name());
      a.set_name(resolved(i, al).c_str());
    }
  }

  void leave() {
    for (const std::string& prefix : scopes_.back()) {
      auto it = bindings_.find(prefix);
      it->second.pop_back();
      if (it->second.empty()) bindings_.erase(it);
    }
    scopes_.pop_back();
  }

  int lookUp(std::string_view prefix) {
    if (prefix == "xml") return indexOf(kXmlNs);
    auto it = bindings_.find(std::string(prefix));
    if (it == bindings_.end()) return prefix.empty() ? kNone : kUnbound;
    return it->second.back();
  }

  int indexOf(std::string_view uri) {
    auto [it, added] = index_.try_emplace(std::string(uri), static_cast<int>(namespaces_.size()));
    if (added) {
      if (namespaces_.size() >= kMaxNamespaces)
        throw XmlError("the body uses more than " + std::to_string(kMaxNamespaces) + " namespaces");
      namespaces_.emplace_back(uri);
    }
    return it->second;
  }

  // "n3:local", or "local" in no namespace; the text lives until the next call.
  const std::string& resolved(int index, std::string_view local) {
    name_.clear();
    if (index != kNone) name_.append("n").append(std::to_string(index)).append(":");
    name_.append(local);
    return name_;
  }

  std::vector<std::string> namespaces_;
  std::unordered_map<std::string, int> index_;
  std::unordered_map<std::string, std::vector<int>> bindings_;
  std::vector<std::vector<std::string>> scopes_;  // the prefixes each open element declared
  std::string name_;
};

// Writes an element of a resolved tree with every namespace it uses declared on it, the prefixes
// numbered in order of first use.
class ResolvedWriter {
 public:
  std::string run(pugi::xml_node top) {
    tree_ = top;
    for (pugi::xml_node n = top; n; n = nextInWalk(n, top, true, [](pugi::xml_node) {})) {
      if (n.type() != pugi::node_element) continue;
      prefixOf(n.name());
      for (pugi::xml_attribute a : n.attributes()) prefixOf(a.name());
    }
    std::string declarations;
    for (const auto& [ns, prefix] : declared_)
      declarations += " xmlns:" + prefix + "=\"" + escapeAttribute(ns) + "\"";

    std::string out;
    for (pugi::xml_node n = top; n;) {
      const bool element = n.type() == pugi::node_element;
      if (n.type() == pugi::node_pcdata || n.type() == pugi::node_cdata) out += escape(n.value());
      if (element) {
        out += "<" + prefixOf(n.name());
        if (n == top) out += declarations;
        for (pugi::xml_attribute a : n.attributes())
          out += " " + prefixOf(a.name()) + "=\"" + escapeAttribute(a.value()) + "\"";
        out += n.first_child() ? ">" : "/>";
      }
      n = nextInWalk(n, top, element, [&](pugi::xml_node left) {
        if (left.first_child()) out += "</" + prefixOf(left.name()) + ">";
      });
    }
    return out;
  }

 private:
  // The name with the prefix it has in the output.
  std::string prefixOf(const char* name) {
    auto [prefix, local] = splitName(name);
    if (prefix.empty() || prefix == "xml") return name;
    const char* ns = declaredNamespace(tree_, prefix);
    if (!ns) throw XmlError("undeclared namespace prefix '" + std::string(prefix) + "'");
    auto [it, added] = declared_.try_emplace(ns, "n" + std::to_string(declared_.size()));
    return it->second + ":" + std::string(local);
  }

  pugi::xml_node tree_;                          // its root element holds the declarations
  std::map<std::string, std::string> declared_;  // namespace -> output prefix
};

}  // namespace

Document Document::parse(std::string_view body) {
  Document d;
  if (body.empty()) throw XmlError("the request body is empty; an XML document was expected");
  prescan(body);
  pugi::xml_parse_result r = d.doc_.load_buffer(
      body.data(), body.size(), pugi::parse_default | pugi::parse_ws_pcdata_single, pugi::encoding_utf8);
  if (!r) {
    throw XmlError(std::string("malformed XML: ") + r.description() + " at byte " + std::to_string(r.offset));
  }
  if (!d.root()) throw XmlError("malformed XML: no root element");
  for (pugi::xml_node n = d.root().next_sibling(); n; n = n.next_sibling())
    if (n.type() == pugi::node_element) throw XmlError("malformed XML: more than one root element");
  NamespaceResolver().run(d.root());
  return d;
}

QName nameOf(pugi::xml_node element) {
  auto [prefix, local] = splitName(element.name());
  if (prefix.empty()) return QName{"", std::string(local)};
  const char* ns = declaredNamespace(element, prefix);
  if (!ns)
    throw XmlError("undeclared namespace prefix '" + std::string(prefix) + "' on <" + element.name() + ">");
  return QName{ns, std::string(local)};
}

bool is(pugi::xml_node element, std::string_view ns, std::string_view local) {
  if (element.type() != pugi::node_element) return false;
  auto [prefix, l] = splitName(element.name());
  if (l != local) return false;
  if (prefix.empty()) return ns.empty();
  const char* n = declaredNamespace(element, prefix);
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
  if (!node.first_child()) return out;
  for (pugi::xml_node n = node.first_child(); n && n != node;) {
    if (n.type() == pugi::node_pcdata || n.type() == pugi::node_cdata) out += n.value();
    n = nextInWalk(n, node, n.type() == pugi::node_element, [](pugi::xml_node) {});
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
    else if (c == '\n')
      out += "&#10;";
    else if (c == '\t')
      out += "&#9;";
    else
      out += c;
  }
  return out;
}

std::string escape(std::string_view input) {
  std::string repaired;
  if (!domain::isValidText(input, domain::Controls::TabAndNewlines)) {
    repaired = domain::repairText(input, domain::Controls::TabAndNewlines);
    input = repaired;
  }
  std::string_view text = input;
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
