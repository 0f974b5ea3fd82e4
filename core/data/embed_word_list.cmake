# Writes OUT (a .cc file) holding IN (a word list) as one string constant, so that luutru needs
# nothing beside its binary. Run by core/CMakeLists.txt at build time.
#   cmake -DIN=... -DOUT=... -P embed_word_list.cmake
file(READ "${IN}" content)
string(FIND "${content}" ")luutru_words\"" clash)
if(NOT clash EQUAL -1)
  message(FATAL_ERROR "${IN} holds the raw-string delimiter")
endif()
file(WRITE "${OUT}" "// Generated from core/data/ by embed_word_list.cmake; do not edit.\n#include <string_view>\n\nnamespace luutru::vi {\n\nstd::string_view EmbeddedWordList() {\n  static const char list[] = R\"luutru_words(${content})luutru_words\";\n  return std::string_view(list, sizeof list - 1);\n}\n\n}  // namespace luutru::vi\n")
