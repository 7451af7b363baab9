from setuptools import setup

setup(name="src", version="0.1", packages=[])
