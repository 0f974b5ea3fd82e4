# Writes OUT (a .cc file) holding every file named in FILES (paths separated by "|") as a string
# constant in one table, keyed by the file's name, so that `luutru package --check` validates with
# the schemas it was built with and needs nothing beside its binary. Run by
# package/CMakeLists.txt at build time.
#   cmake "-DFILES=a.xsd|b.xsd" -DOUT=... -P embed_schemas.cmake
string(REPLACE "|" ";" paths "${FILES}")
set(body "")
foreach(path IN LISTS paths)
  file(READ "${path}" content)
  string(FIND "${content}" ")luutru_schema\"" clash)
  if(NOT clash EQUAL -1)
    message(FATAL_ERROR "${path} holds the raw-string delimiter")
  endif()
  get_filename_component(name "${path}" NAME)
  string(APPEND body "      {\"${name}\", R\"luutru_schema(${content})luutru_schema\"},\n")
endforeach()
file(WRITE "${OUT}" "// Generated from package/schemas/ by embed_schemas.cmake; do not edit.
#include \"package/schemas.h\"

namespace luutru::package {

const std::vector<EmbeddedSchemaFile>& EmbeddedSchemaFiles() {
  static const std::vector<EmbeddedSchemaFile> files = {
${body}  };
  return files;
}

}  // namespace luutru::package
")
