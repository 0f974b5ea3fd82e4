# Writes the man page: help2man over `luutru --help` (options, subcommands, exit codes), with
# each subcommand's own --help in a COMMANDS section. Run at build time (cli/CMakeLists.txt).
#   cmake -DLUUTRU=path/to/luutru -DHELP2MAN=path/to/help2man -DOUT=luutru.1 -P man.cmake

# Text as roff takes it verbatim: backslashes escaped, no line starting a request.
function(roff_verbatim text out)
  string(REPLACE "\\" "\\e" text "${text}")
  string(REGEX REPLACE "(^|\n)([.'])" "\\1\\\\&\\2" text "${text}")
  set(${out} "${text}" PARENT_SCOPE)
endfunction()

execute_process(COMMAND ${LUUTRU} --help OUTPUT_VARIABLE top RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "luutru --help failed (${rc})")
endif()
string(FIND "${top}" "Subcommands:\n" at)
string(SUBSTRING "${top}" ${at} -1 block)
string(FIND "${block}" "\n\n" end)
string(SUBSTRING "${block}" 0 ${end} block)
string(REGEX MATCHALL "\n  [a-z]+" names "${block}")

set(include "[COMMANDS]\n")
foreach(name ${names})
  string(STRIP "${name}" name)
  execute_process(COMMAND ${LUUTRU} ${name} --help OUTPUT_VARIABLE help)
  # The first line repeats the subcommand's summary; "Usage: path/to/luutru" names the build.
  string(REGEX REPLACE "Usage: [^ ]*luutru" "Usage: luutru" help "${help}")
  # The exit codes, which every --help ends with, are listed once, in EXIT CODES.
  string(FIND "${help}" "\nExit codes:" footer)
  if(NOT footer EQUAL -1)
    string(SUBSTRING "${help}" 0 ${footer} help)
    string(APPEND help "\n")
  endif()
  roff_verbatim("${help}" help)
  string(APPEND include ".SS \"luutru ${name}\"\n.nf\n${help}.fi\n")
endforeach()
string(APPEND include "[ENVIRONMENT]\n.TP\n.B LUUTRU_ARCHIVE\nThe archive folder when --archive is not given (else ./archive).\n"
                      "[FILES]\n.TP\n.I /etc/luutru/luutru.env\nSettings of the systemd units (LUUTRU_ARCHIVE, LUUTRU_SOURCES, LUUTRU_LISTEN).\n"
                      "[SEE ALSO]\nThe full reference is docs/cli.md; the HTTP API docs/api.md; nightly runs docs/operations.md.\n")
file(WRITE "${OUT}.h2m" "${include}")
execute_process(COMMAND ${HELP2MAN} --no-info --no-discard-stderr
                        --name "a searchable archive of scanned Vietnamese records"
                        --section 1 --include "${OUT}.h2m" --output "${OUT}" ${LUUTRU}
                RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "help2man failed (${rc})")
endif()
