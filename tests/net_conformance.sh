#!/bin/sh
# net_conformance.sh RSNET [DATA_DIR] - ONNX's node tests for the operators
# rsnet runs, through `rsnet --onnx-test` at 16 and 8 bits; prints the
# Markdown table of docs/net.md ("pass", "FAIL" or "refused" per width, the
# 16-bit error, and the refusal's reason). tests/test_net.c checks the
# table in docs/net.md against rsnet.
rsnet=$1
data=${2:-/usr/share/libonnx-testdata/data/node}
echo "| test | 16-bit | 8-bit | max error at 16 bits (tolerance) | refused because |"
echo "|---|---|---|---|---|"
for dir in "$data"/test_*; do
    t=$(basename "$dir")
    case $t in
    test_conv_*|test_gemm_*|test_matmul_*|test_relu|test_maxpool_*|test_averagepool_*|test_globalaveragepool*|\
    test_flatten_*|test_reshape_*|test_add|test_add_bcast|test_concat_*|test_softmax_*|test_batchnorm_*) ;;
    *) continue ;;
    esac
    case $t in *_expanded|*training_mode*) continue ;; esac
    row="| $t"; err=""; why=""
    for dw in 16 8; do
        out=$("$rsnet" --onnx-test "$dir" --dw $dw 2>&1); rc=$?
        case $rc in
        0) row="$row | pass" ;;
        1) row="$row | FAIL" ;;
        *) row="$row | refused" ;;
        esac
        if [ $dw = 16 ]; then
            case $rc in
            0|1) err=$(printf '%s\n' "$out" | sed -n 's/.*max error \([^ ]*\) at 16 bits (tolerance \([^)]*\)).*/\1 (\2)/p') ;;
            *) why=$(printf '%s\n' "$out" | sed -e 's/^rsnet: //' -e 's/^[^ ]*model.onnx: //' -e 's/^--onnx-test [^ ]*: //' -e 's/|/\\|/g') ;;
            esac
        fi
    done
    echo "$row | $err | $why |"
done
