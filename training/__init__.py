"""Training and evaluation of the models and rules (`make train-ner`, `train-topics`, `eval-stories`, dev sets,
`newswh eval-ner` / `eval-topics`).

Kept in the repository, out of the installed package: the pipeline only loads the models they write to models/.
"""
