// rs_mcast: multicast controller. Passes a bus item to its target when the
// item's tag equals the ID the host configured for this target (Eyeriss: one
// controller at each X-bus input matching the row ID, one at each PE matching
// the column ID). The all-ones ID never matches: it is the reset value, so an
// unconfigured target takes nothing.
module rs_mcast #(
    parameter ID_W = 8
) (
    input  wire            in_valid,
    input  wire [ID_W-1:0] in_tag,
    input  wire [ID_W-1:0] id,
    output wire            hit
);
    assign hit = in_valid && (in_tag == id) && (id != {ID_W{1'b1}});
endmodule
