#!/usr/bin/env bash
# Writes the binary seed inputs of validation_fuzzer and operation_fuzzer
# from the text-format messages below (protoc --encode), so that every
# committed seed can be read and regenerated. The text seeds of the other
# targets are committed as they are. Run from anywhere:
#   bash tests/fuzz/make_seeds.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
corpus=tests/fuzz/corpus
includes=(-Iproto -Ibazel/third_party/googleapis -I/usr/include)
files=(yandex/cloud/clouddesktop/v1/desktop_image_service.proto
       yandex/cloud/clouddesktop/v1/desktop_service.proto
       yandex/cloud/clouddesktop/v1/desktop_group_service.proto
       yandex/cloud/operation/operation_service.proto)
api=yandex.cloud.clouddesktop.v1.api

# The request types in validation_fuzzer's order: every service method's
# input type, in file and declaration order, each once.
mapfile -t types < <(for f in "${files[@]}"; do
  pkg=$(sed -n 's/^package \(.*\);/\1/p' "proto/$f")
  grep -o 'rpc [A-Za-z]*([A-Za-z]*)' "proto/$f" |
    sed "s/.*(\(.*\))/$pkg.\1/"
done | awk '!seen[$0]++')

# request TYPE NAME TEXT: one validation seed.
request() {
  local type=$1 name=$2 text=$3 i
  for i in "${!types[@]}"; do
    if [[ "${types[$i]}" == "$type" ]]; then
      { printf "\\x$(printf %02x "$i")"
        protoc "${includes[@]}" --encode="$type" "${files[@]}" <<<"$text"
      } >"$corpus/validation_fuzzer/$name"
      return
    fi
  done
  echo "no request type $type" >&2
  exit 1
}

# operation NAME TEXT: one operation seed.
operation() {
  protoc "${includes[@]}" --encode=yandex.cloud.operation.Operation \
    "${files[@]}" google/rpc/error_details.proto <<<"$2" \
    >"$corpus/operation_fuzzer/$1"
}

mkdir -p "$corpus/validation_fuzzer" "$corpus/operation_fuzzer"
request $api.GetDesktopRequest get_desktop 'desktop_id: "e3v0123456789abcdefg"'
request $api.ListDesktopsRequest list_desktops \
  'folder_id: "b1g0123" page_size: 50 page_token: "abc" filter: "name = \"x\"" order_by: "name desc"'
request $api.ListDesktopsRequest list_desktops_bad_page_size \
  'folder_id: "b1g0123" page_size: 5000'
request $api.CreateDesktopRequest create_desktop \
  'desktop_group_id: "e3g1" name: "my-desktop" labels { key: "env" value: "prod" } users { subject_id: "aje1" subject_type: "userAccount" }'
request $api.CreateDesktopRequest create_desktop_bad_labels \
  'desktop_group_id: "e3g1" name: "Bad_Name" labels { key: "Env" value: "x y" } users { subject_id: "" subject_type: "" }'
request $api.UpdatePropertiesRequest update_properties \
  'desktop_id: "e3v1" update_mask { paths: "name" paths: "labels" } name: "n" labels { key: "a" value: "b" }'
request $api.CreateDesktopGroupRequest create_group \
  'folder_id: "b1g1" desktop_image_id: "fdv1" name: "group-1" resources_spec { memory: 4294967296 cores: 2 core_fraction: 100 }'
request $api.CreateDesktopGroupRequest create_group_bad_resources \
  'folder_id: "b1g1" desktop_image_id: "fdv1" resources_spec { memory: 0 cores: -1 core_fraction: 101 }'
request $api.CopyDesktopImageRequest copy_image 'image_id: "fdv1" folder_id: "b1g1" name: "copy"'
request yandex.cloud.operation.GetOperationRequest get_operation 'operation_id: "e3o1"'
request yandex.cloud.operation.CancelOperationRequest cancel_operation ''

operation running_with_metadata '
id: "e3o1" description: "Create desktop" done: false
metadata { [type.googleapis.com/'$api'.CreateDesktopMetadata] { desktop_id: "e3v1" } }'
operation done_desktop '
id: "e3o2" done: true
metadata { [type.googleapis.com/'$api'.CreateDesktopMetadata] { desktop_id: "e3v1" } }
response { [type.googleapis.com/'$api'.Desktop] { id: "e3v1" name: "d" status: ACTIVE } }'
operation done_wrong_type '
id: "e3o3" done: true
response { [type.googleapis.com/'$api'.DesktopGroup] { id: "e3g1" } }'
operation failed_with_details '
id: "e3o4" done: true
error { code: 8 message: "quota exceeded"
  details { [type.googleapis.com/google.rpc.QuotaFailure] { violations { subject: "folder:b1g1" description: "desktops.count" } } }
  details { [type.googleapis.com/google.rpc.RetryInfo] { retry_delay { seconds: 2 } } } }'
operation failed_code_zero '
id: "e3o5" done: true error { code: 0 message: "no code" }'
operation done_without_response 'id: "e3o6" done: true'
operation bad_type_url '
id: "e3o7" done: true response { type_url: "yandex.cloud.clouddesktop.v1.api.Desktop" value: "\x0a\x02id" }'
operation unparsable_payload '
id: "e3o8" done: true response { type_url: "type.googleapis.com/yandex.cloud.clouddesktop.v1.api.Desktop" value: "\xff\xff\xff" }'
