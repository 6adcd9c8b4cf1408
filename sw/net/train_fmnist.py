#!/usr/bin/python3
"""Train the small Fashion-MNIST CNN that rsnet runs, and write the ONNX models.

  /usr/bin/python3 sw/net/train_fmnist.py fmnist  [--epochs 4] [--out sw/net/models/fmnist_cnn.onnx]
  /usr/bin/python3 sw/net/train_fmnist.py alexnet [--out build/net/alexnet.onnx]
  /usr/bin/python3 sw/net/train_fmnist.py tiny [--out sw/net/models/tiny]

fmnist: trains on the CPU (Debian's python3-torch) from the IDX files of
Debian's dataset-fashion-mnist, prints the test accuracy in float, and exports
the model with a dynamic batch dimension. The network: conv 1->8 3x3 pad 1,
ReLU, max pool 2; conv 8->16 3x3 pad 1, ReLU, max pool 2; flatten; fully
connected 784->10. Inputs are pixels / 255 (0..1), NCHW (N,1,28,28).

alexnet: an AlexNet-shaped model (Krizhevsky's CONV1-5 with groups 2 as in
Eyeriss's table, FC6-8) with random weights, for cycles and traffic only.

tiny: a small untrained graph with every operator rsnet lowers (Conv with
BatchNormalization, fused and unfused ReLU, a residual Add, MaxPool,
AveragePool, Concat, GlobalAveragePool, Flatten, MatMul, Gemm, Softmax),
written as an ONNX node test: DIR/model.onnx and DIR/test_data_set_0/
input_0.pb, output_0.pb (PyTorch's output for 3 random inputs), which
`rsnet --onnx-test DIR` checks (tests/test_net.c).

Only these commands need Python; rsnet reads the ONNX files in C.
"""
import argparse
import gzip
import struct
import sys

import torch
import torch.nn as nn

DATA = "/usr/share/datasets/fashion-mnist"


def read_idx(path):
    """An IDX file (gzip) as a uint8 tensor of its dimensions."""
    with gzip.open(path, "rb") as f:
        raw = f.read()
    zero, dtype, ndim = struct.unpack(">HBB", raw[:4])
    if zero != 0 or dtype != 0x08:
        sys.exit(f"train_fmnist: {path}: not an unsigned-byte IDX file")
    dims = struct.unpack(">" + "I" * ndim, raw[4:4 + 4 * ndim])
    data = torch.frombuffer(bytearray(raw[4 + 4 * ndim:]), dtype=torch.uint8)
    return data.reshape(dims)


def load(split):
    x = read_idx(f"{DATA}/{split}-images-idx3-ubyte.gz").float().div(255.0).unsqueeze(1)
    y = read_idx(f"{DATA}/{split}-labels-idx1-ubyte.gz").long()
    return x, y


class FmnistCnn(nn.Module):
    def __init__(self):
        super().__init__()
        self.features = nn.Sequential(
            nn.Conv2d(1, 8, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
            nn.Conv2d(8, 16, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2))
        self.fc = nn.Linear(16 * 7 * 7, 10)

    def forward(self, x):
        return self.fc(torch.flatten(self.features(x), 1))


class AlexNetShaped(nn.Module):
    def __init__(self):
        super().__init__()
        self.features = nn.Sequential(
            nn.Conv2d(3, 96, 11, stride=4), nn.ReLU(), nn.MaxPool2d(3, 2),
            nn.Conv2d(96, 256, 5, padding=2, groups=2), nn.ReLU(), nn.MaxPool2d(3, 2),
            nn.Conv2d(256, 384, 3, padding=1), nn.ReLU(),
            nn.Conv2d(384, 384, 3, padding=1, groups=2), nn.ReLU(),
            nn.Conv2d(384, 256, 3, padding=1, groups=2), nn.ReLU(), nn.MaxPool2d(3, 2))
        self.classifier = nn.Sequential(
            nn.Linear(256 * 6 * 6, 4096), nn.ReLU(),
            nn.Linear(4096, 4096), nn.ReLU(),
            nn.Linear(4096, 1000))

    def forward(self, x):
        return self.classifier(torch.flatten(self.features(x), 1))


class Tiny(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1, self.bn1 = nn.Conv2d(3, 8, 3, padding=1), nn.BatchNorm2d(8)
        self.conv2, self.bn2 = nn.Conv2d(8, 8, 3, padding=1, bias=False), nn.BatchNorm2d(8)
        self.branch1 = nn.Conv2d(8, 4, 1)
        self.pool = nn.AvgPool2d(3, stride=1, padding=1, count_include_pad=False)
        self.branch2 = nn.Conv2d(8, 4, 1)
        self.fc1, self.fc2 = nn.Linear(8, 6, bias=False), nn.Linear(6, 5)
        for bn in (self.bn1, self.bn2):   # statistics that make the folding matter
            bn.running_mean.uniform_(-0.5, 0.5)
            bn.running_var.uniform_(0.5, 2.0)
            bn.weight.data.uniform_(0.5, 1.5)
            bn.bias.data.uniform_(-0.2, 0.2)

    def forward(self, x):
        a = torch.relu(self.bn1(self.conv1(x)))
        c = torch.relu(a + self.bn2(self.conv2(a)))
        d = nn.functional.max_pool2d(c, 2)
        e = torch.cat([torch.relu(self.branch1(d)), self.branch2(self.pool(d))], 1)
        f = torch.flatten(nn.functional.adaptive_avg_pool2d(e, 1), 1)
        return torch.softmax(self.fc2(torch.relu(self.fc1(f))), 1)


def tensor_pb(name, t):
    """A float tensor as a serialized onnx TensorProto (dims 1, data_type 2,
    name 8, raw_data 9), written directly: Debian's python3-torch needs no
    onnx package, and these four fields are all a node test's data use."""
    def varint(v):
        out = b""
        while True:
            byte, v = v & 0x7F, v >> 7
            out += bytes([byte | (0x80 if v else 0)])
            if not v:
                return out
    def field(num, wire, payload):
        return varint(num << 3 | wire) + payload
    raw = t.detach().contiguous().numpy().astype("<f4").tobytes()
    msg = b"".join(field(1, 0, varint(d)) for d in t.shape)
    msg += field(2, 0, varint(1))
    msg += field(8, 2, varint(len(name)) + name.encode())
    msg += field(9, 2, varint(len(raw)) + raw)
    return msg


def tiny(args):
    import os
    torch.manual_seed(args.seed)
    model = Tiny().eval()
    x = torch.rand(3, 3, 8, 8)
    os.makedirs(f"{args.out}/test_data_set_0", exist_ok=True)
    torch.onnx.export(model, x, f"{args.out}/model.onnx", input_names=["x"], output_names=["y"],
                      dynamic_axes={"x": {0: "batch"}, "y": {0: "batch"}}, opset_version=13,
                      training=torch.onnx.TrainingMode.PRESERVE, do_constant_folding=False)
    with torch.no_grad():
        y = model(x)
    for name, t, what in (("x", x, "input"), ("y", y, "output")):
        with open(f"{args.out}/test_data_set_0/{what}_0.pb", "wb") as f:
            f.write(tensor_pb(name, t))
    print(f"wrote {args.out}")


def accuracy(model, x, y):
    model.eval()
    with torch.no_grad():
        hits = sum((model(x[i:i + 1000]).argmax(1) == y[i:i + 1000]).sum().item()
                   for i in range(0, len(x), 1000))
    return 100.0 * hits / len(x)


def train(args):
    torch.manual_seed(args.seed)
    torch.set_num_threads(2)
    xtr, ytr = load("train")
    xte, yte = load("t10k")
    model = FmnistCnn()
    opt = torch.optim.Adam(model.parameters(), lr=2e-3)
    sched = torch.optim.lr_scheduler.StepLR(opt, step_size=max(1, args.epochs // 2), gamma=0.3)
    loss_fn = nn.CrossEntropyLoss()
    for epoch in range(args.epochs):
        model.train()
        perm = torch.randperm(len(xtr))
        for i in range(0, len(xtr), 64):
            idx = perm[i:i + 64]
            opt.zero_grad()
            loss = loss_fn(model(xtr[idx]), ytr[idx])
            loss.backward()
            opt.step()
        sched.step()
        print(f"epoch {epoch + 1}/{args.epochs}: loss {loss.item():.3f}, "
              f"test accuracy {accuracy(model, xte, yte):.2f}%", flush=True)
    export(model, torch.zeros(1, 1, 28, 28), args.out)


def export(model, example, out):
    model.eval()
    torch.onnx.export(model, example, out, input_names=["input"], output_names=["logits"],
                      dynamic_axes={"input": {0: "batch"}, "logits": {0: "batch"}},
                      opset_version=13, do_constant_folding=True)
    print(f"wrote {out}")


def alexnet(args):
    torch.manual_seed(args.seed)
    export(AlexNetShaped(), torch.zeros(1, 3, 227, 227), args.out)


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("what", choices=["fmnist", "alexnet", "tiny"])
    p.add_argument("--epochs", type=int, default=4)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--out")
    args = p.parse_args()
    if args.what == "fmnist":
        args.out = args.out or "sw/net/models/fmnist_cnn.onnx"
        train(args)
    elif args.what == "tiny":
        args.out = args.out or "sw/net/models/tiny"
        tiny(args)
    else:
        args.out = args.out or "build/net/alexnet.onnx"
        alexnet(args)


if __name__ == "__main__":
    main()
