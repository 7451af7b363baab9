// placeholder: the stack was never written
