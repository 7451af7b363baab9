from setuptools import setup

setup(name='src', version='1.0', py_modules=['index'])
