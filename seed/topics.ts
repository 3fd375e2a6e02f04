// The topic taxonomy: what the papers of the Daily Papers page (and the arXiv ML/CV listings)
// are about. Keywords are lower-case words or phrases matched on word boundaries in titles and
// abstracts (a trailing "s"/"es" plural matches too); categories are arXiv categories.
// Changing this file and running `npm run seed` then `npm run retag` re-tags every paper.

export interface TopicSeed {
  slug: string;
  name: string;
  description: string;
  parent?: string;
  keywords: string[];
  categories: string[];
}

export const TOPICS: TopicSeed[] = [
  {
    slug: "machine-learning",
    name: "Machine Learning",
    description: "Learning from data: methods, theory and applications across machine learning.",
    keywords: ["machine learning", "deep learning", "neural network", "training", "learning algorithm"],
    categories: ["cs.LG", "stat.ML"],
  },
  {
    slug: "computer-vision",
    name: "Computer Vision",
    description: "Understanding images and video: recognition, detection, segmentation and generation.",
    keywords: ["image", "computer vision", "visual", "video", "convnet", "convolutional neural network", "imagenet", "object detection"],
    categories: ["cs.CV"],
  },
  {
    slug: "natural-language-processing",
    name: "Natural Language Processing",
    description: "Language understanding and generation, from tokenization to large language models.",
    keywords: ["natural language", "language model", "text", "token", "translation", "nlp"],
    categories: ["cs.CL"],
  },
  {
    slug: "clustering",
    name: "Clustering",
    description: "Grouping data without labels: k-means, k-medoids, spectral and graph clustering, partitioning.",
    parent: "machine-learning",
    keywords: ["clustering", "cluster", "k means", "k medoids", "medoid", "partitioning", "community detection", "grouping"],
    categories: [],
  },
  {
    slug: "kernel-methods",
    name: "Kernel Methods",
    description: "Kernels and reproducing kernel Hilbert spaces: kernel machines, kernel density estimation, random features.",
    parent: "machine-learning",
    keywords: ["kernel method", "kernel learning", "kernel density", "reproducing kernel", "rkhs", "random feature", "kernel ridge", "kernel machine", "kernel"],
    categories: [],
  },
  {
    slug: "gaussian-processes-ntk",
    name: "Gaussian Processes and NTK Theory",
    description: "Gaussian processes, neural tangent kernels and infinite-width limits of neural networks.",
    parent: "machine-learning",
    keywords: ["gaussian process", "neural tangent kernel", "ntk", "infinite width", "wide neural network", "wide and deep", "kernel regime", "lazy training"],
    categories: [],
  },
  {
    slug: "learning-theory",
    name: "Learning Theory",
    description: "Generalization, sample complexity, approximation and optimality guarantees for learning.",
    parent: "machine-learning",
    keywords: ["generalization", "generalisation", "mode connectivity", "loss landscape", "weight matching", "sample complexity", "optimality", "convergence", "estimation error", "approximation error", "theoretical analysis", "minimax", "bound"],
    categories: ["math.ST", "stat.TH", "cs.IT"],
  },
  {
    slug: "self-supervised-learning",
    name: "Self-Supervised and Contrastive Learning",
    description: "Learning representations without labels: contrastive, masked and self-distillation objectives.",
    parent: "machine-learning",
    keywords: ["self supervised", "contrastive", "representation learning", "pretraining", "pre training", "unsupervised learning", "self distillation"],
    categories: [],
  },
  {
    slug: "equivariant-networks",
    name: "Equivariant Networks",
    description: "Neural networks that respect symmetries: group equivariance, Lie groups, SE(n) and invariance.",
    parent: "machine-learning",
    keywords: ["equivariant", "equivariance", "invariance", "lie group", "lie algebra", "symmetry", "group convolution", "se n", "se 3", "homogeneous space"],
    categories: [],
  },
  {
    slug: "attention-transformers",
    name: "Attention and Transformers",
    description: "Attention mechanisms and transformer architectures, and how to make them cheaper.",
    parent: "machine-learning",
    keywords: ["attention", "transformer", "self attention", "vision transformer", "vit", "softmax"],
    categories: [],
  },
  {
    slug: "long-sequence-models",
    name: "Long-Sequence Models",
    description: "Models for long sequences: long convolutions, state space models and long-range dependencies.",
    parent: "machine-learning",
    keywords: ["long sequence", "sequence modeling", "sequence modelling", "long convolution", "state space", "long range", "ssm"],
    categories: [],
  },
  {
    slug: "graph-learning",
    name: "Graph Learning",
    description: "Learning on graphs: graph neural networks, graph clustering and attributed graphs.",
    parent: "machine-learning",
    keywords: ["graph", "graph neural network", "gnn", "attributed graph", "node classification", "proximity measure", "link prediction"],
    categories: ["cs.SI"],
  },
  {
    slug: "sampling-density-estimation",
    name: "Sampling and Density Estimation",
    description: "Drawing samples and estimating densities: volume sampling, point processes, KDE, Monte Carlo.",
    parent: "machine-learning",
    keywords: ["sampling", "density estimation", "density estimator", "determinantal point process", "volume sampling", "monte carlo", "mcmc", "least squares approximation"],
    categories: ["stat.CO"],
  },
  {
    slug: "efficient-inference",
    name: "Efficient Inference and Quantization",
    description: "Making models fast and small: quantization, mixed precision, sparsity, kernels for GPUs and accelerators.",
    parent: "machine-learning",
    keywords: ["quantization", "mixed precision", "inference", "efficient", "efficiency", "hardware", "gpu", "sparse", "speedup", "latency", "throughput", "computational complexity", "scratchpad"],
    categories: ["cs.AR", "cs.PF", "cs.DC"],
  },
  {
    slug: "reinforcement-learning",
    name: "Reinforcement Learning",
    description: "Agents that learn by acting: MDPs, policies, rewards and exploration.",
    parent: "machine-learning",
    keywords: ["reinforcement learning", "mdp", "markov decision process", "policy", "reward", "action space", "exploration"],
    categories: [],
  },
  {
    slug: "open-world-recognition",
    name: "Few-Shot and Open-World Recognition",
    description: "Recognising what training did not cover: few-shot, open-set, open-vocabulary, novel classes, long tails.",
    parent: "machine-learning",
    keywords: ["few shot", "open set", "open vocabulary", "novel class", "class discovery", "zero shot", "long tailed", "label shift", "distribution shift"],
    categories: [],
  },
  {
    slug: "interpretability",
    name: "Interpretability",
    description: "Understanding what models do: prototypes, attributions and interpretable-by-design models.",
    parent: "machine-learning",
    keywords: ["interpretable", "interpretability", "explainable", "prototype", "prototypical", "attribution"],
    categories: [],
  },
  {
    slug: "privacy",
    name: "Privacy",
    description: "Learning and computing on private data: differential privacy and private similarity search.",
    parent: "machine-learning",
    keywords: ["privacy", "private", "differential privacy", "differentially private"],
    categories: ["cs.CR"],
  },
  {
    slug: "quantum-machine-learning",
    name: "Quantum Machine Learning",
    description: "Machine learning with or for quantum computers: quantum feature spaces and variational circuits.",
    parent: "machine-learning",
    keywords: ["quantum"],
    categories: ["quant-ph"],
  },
  {
    slug: "semantic-segmentation",
    name: "Semantic Segmentation",
    description: "Labelling every pixel or point: semantic, instance, panoptic and open-vocabulary segmentation.",
    parent: "computer-vision",
    keywords: ["semantic segmentation", "segmentation", "panoptic", "instance segmentation", "dense prediction"],
    categories: [],
  },
  {
    slug: "3d-vision",
    name: "3D Vision",
    description: "Three-dimensional scenes and shapes: point clouds, Gaussian splats, radiance fields, multi-view geometry.",
    parent: "computer-vision",
    keywords: ["3d", "point cloud", "gaussian splat", "gaussian splatting", "radiance field", "nerf", "multi view", "view consistent", "shape"],
    categories: ["cs.GR"],
  },
  {
    slug: "large-language-models",
    name: "Large Language Models",
    description: "Training, serving and evaluating large language models.",
    parent: "natural-language-processing",
    keywords: ["large language model", "llm", "language model", "auto regressive", "autoregressive"],
    categories: [],
  },
];
